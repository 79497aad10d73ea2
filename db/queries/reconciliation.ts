/** The platform's side of reconciliation for a period, and the reports it produces. */
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { FINAL_STATUSES } from '../../domain/order.js';
import { HOLDING_STATUSES, type Mismatch, type PlatformFacts } from '../../domain/reconciliation.js';
import type { DbOrTx } from '../client.js';
import {
  ledgerEntries,
  ledgerLines,
  orders,
  payments,
  payouts,
  reconciliationReports,
} from '../schema/index.js';

/**
 * Every order with money movement in the period, by any event, with what our books say of it: a
 * payment effect (authorization, capture, void, refund), a ledger posting (escrow, release, refund,
 * dispute settlement, chargeback, its recovery), a chargeback webhook received, a dispute changed;
 * and the orders of `extraIntentIds` (what the provider listed for the period: a capture or refund we
 * never recorded is compared too). Payouts created in the period. The escrows to look at whatever
 * the period (stranded money): see `escrowsToCheck`.
 */
export async function platformFacts(
  db: DbOrTx,
  period: { from: Date; to: Date },
  extraIntentIds: string[] = [],
): Promise<PlatformFacts> {
  const orderIds = await ordersMovedIn(db, period, extraIntentIds);
  const facts = orderIds.length
    ? await db.execute<{
        order_id: string;
        intent_id: string | null;
        captured_recorded: string | null;
      }>(sql`
        select orders.id as order_id,
          coalesce(
            (select p.provider_ref from payments p
              where p.order_id = orders.id and p.kind = 'authorization' order by p.created_at limit 1),
            orders.payment_intent_id) as intent_id,
          (select p.amount::text from payments p
            where p.order_id = orders.id and p.kind = 'capture' order by p.created_at desc limit 1) as captured_recorded
        from orders where ${inArray(orders.id, orderIds)}`)
    : [];
  const booked = orderIds.length
    ? await db
        .select({
          orderId: ledgerEntries.orderId,
          captured: sql<string>`coalesce(-sum(${ledgerLines.amount}) filter (where ${ledgerLines.account} like 'buyer_funding:%'), 0)`,
          refunded: sql<string>`coalesce(sum(${ledgerLines.amount}) filter (where ${ledgerLines.account} = 'refunds'), 0)`,
        })
        .from(ledgerLines)
        .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
        .where(inArray(ledgerEntries.orderId, orderIds))
        .groupBy(ledgerEntries.orderId)
    : [];
  const books = new Map(booked.map((b) => [b.orderId, b]));
  const payoutRows = await db
    .select()
    .from(payouts)
    .where(and(gte(payouts.createdAt, period.from), lt(payouts.createdAt, period.to)));
  return {
    // An order that never reached the provider (no intent) has nothing to compare.
    orders: [...facts].flatMap((o) =>
      o.intent_id
        ? [
            {
              orderId: o.order_id,
              intentId: o.intent_id,
              capturedRecorded: Number(o.captured_recorded ?? 0),
              ledgerCaptured: Number(books.get(o.order_id)?.captured ?? 0),
              ledgerRefunded: Number(books.get(o.order_id)?.refunded ?? 0),
            },
          ]
        : [],
    ),
    payouts: payoutRows.map((p) => ({
      payoutId: p.id,
      transferId: p.transferId,
      amount: Number(p.amount),
      status: p.status,
    })),
    escrows: await escrowsToCheck(db),
  };
}

/** Ids of the orders some event moved money for in [from, to) (see platformFacts). */
async function ordersMovedIn(
  db: DbOrTx,
  period: { from: Date; to: Date },
  extraIntentIds: string[],
): Promise<string[]> {
  // Timestamps as ISO text: drizzle hands raw parameters to postgres-js unserialized.
  const [from, to] = [
    sql`${period.from.toISOString()}::timestamptz`,
    sql`${period.to.toISOString()}::timestamptz`,
  ];
  const rows = await db.execute<{ order_id: string }>(sql`
    select o.id as order_id from orders o where o.id in (
      select order_id from payments where created_at >= ${from} and created_at < ${to}
      union select order_id from ledger_entries where created_at >= ${from} and created_at < ${to}
      union select payload->'data'->'object'->'metadata'->>'orderId' from webhook_events
        where type = 'charge.dispute.created' and created_at >= ${from} and created_at < ${to}
      union select order_id from disputes where updated_at >= ${from} and updated_at < ${to}
      ${extraIntentIds.length ? sql`union select order_id from payments where ${inArray(payments.providerRef, extraIntentIds)}` : sql``}
    )`);
  return [...rows].map((r) => r.order_id);
}

/**
 * The escrows reconciliation looks at in every run, so a stranded one keeps being reported: orders
 * final with their escrow not 0, and orders holding money (their workflow must be running; the
 * activity asks Temporal) with their escrow balance.
 */
export async function escrowsToCheck(
  db: DbOrTx,
): Promise<Array<{ orderId: string; status: string; escrow: number }>> {
  const escrowOf = sql`coalesce((select sum(l.amount) from ledger_lines l where l.account = 'escrow:' || orders.id), 0)`;
  const rows = await db.execute<{ order_id: string; status: string; escrow: string }>(sql`
    select orders.id as order_id, orders.status, ${escrowOf}::text as escrow from orders
    where ${inArray(orders.status, [...HOLDING_STATUSES])}
    union all
    select orders.id, orders.status, sum(l.amount)::text from ledger_lines l join orders on l.account = 'escrow:' || orders.id
    where l.account like 'escrow:%' and ${inArray(orders.status, [...FINAL_STATUSES])}
    group by orders.id, orders.status having sum(l.amount) <> 0`);
  return [...rows].map((r) => ({ orderId: r.order_id, status: r.status, escrow: Number(r.escrow) }));
}

/** The orders' current statuses (reconciliation reads them again after asking Temporal). */
export async function orderStatuses(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(inArray(orders.id, ids));
  return new Map(rows.map((r) => [r.id, r.status]));
}

export async function payoutsByIds(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(payouts).where(inArray(payouts.id, ids));
}

export async function saveReport(
  db: DbOrTx,
  report: {
    id: string;
    periodStart: Date;
    periodEnd: Date;
    counts: Record<string, number>;
    mismatches: Mismatch[];
  },
): Promise<boolean> {
  const saved = await db
    .insert(reconciliationReports)
    .values({
      ...report,
      status: report.mismatches.length ? 'mismatches' : 'clean',
      mismatches: report.mismatches as unknown as Array<Record<string, unknown>>,
    })
    .onConflictDoNothing({ target: reconciliationReports.id })
    .returning({ id: reconciliationReports.id });
  return saved.length > 0;
}

export async function listReports(db: DbOrTx, limit: number) {
  return db.select().from(reconciliationReports).orderBy(desc(reconciliationReports.createdAt)).limit(limit);
}

export async function findReport(db: DbOrTx, id: string) {
  const [row] = await db.select().from(reconciliationReports).where(eq(reconciliationReports.id, id));
  return row;
}
