/** The platform's side of reconciliation for a period, and the reports it produces. */
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Mismatch, PlatformFacts } from '../../domain/reconciliation.js';
import type { DbOrTx } from '../client.js';
import { ledgerEntries, ledgerLines, payments, payouts, reconciliationReports } from '../schema/index.js';

/**
 * Orders whose payment was authorized in the period (by our `payments` records) with what the ledger
 * booked for them, and payouts created in the period. `extraIntentIds` pulls in orders the provider
 * listed for the period, so a capture we never recorded is compared too.
 */
export async function platformFacts(
  db: DbOrTx,
  period: { from: Date; to: Date },
  extraIntentIds: string[] = [],
): Promise<PlatformFacts> {
  const inPeriod = and(gte(payments.createdAt, period.from), lt(payments.createdAt, period.to));
  const rows = await db
    .select({
      orderId: payments.orderId,
      intentId: payments.providerRef,
      kind: payments.kind,
      amount: payments.amount,
    })
    .from(payments)
    .where(
      extraIntentIds.length
        ? sql`(${inPeriod}) or ${inArray(payments.providerRef, extraIntentIds)}`
        : inPeriod,
    );
  const byOrder = new Map<string, { orderId: string; intentId: string; capturedRecorded: number }>();
  for (const row of rows) {
    if (!row.orderId || !['authorization', 'capture'].includes(row.kind)) continue;
    const entry = byOrder.get(row.orderId) ?? {
      orderId: row.orderId,
      intentId: row.intentId,
      capturedRecorded: 0,
    };
    if (row.kind === 'capture') entry.capturedRecorded = Number(row.amount);
    byOrder.set(row.orderId, entry);
  }
  const orderIds = [...byOrder.keys()];
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
    orders: [...byOrder.values()].map((o) => ({
      ...o,
      ledgerCaptured: Number(books.get(o.orderId)?.captured ?? 0),
      ledgerRefunded: Number(books.get(o.orderId)?.refunded ?? 0),
    })),
    payouts: payoutRows.map((p) => ({
      payoutId: p.id,
      transferId: p.transferId,
      amount: Number(p.amount),
      status: p.status,
    })),
  };
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
