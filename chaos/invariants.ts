/**
 * Money invariants over a set of orders and payouts, from the provider's own records
 * (`/_sandbox/records`) and the ledger's lines, with nothing of the platform's code in between:
 * - per final order, what the provider still holds (captured − refunded − charged back) equals the
 *   ledger's net movement for the order (in through `buyer_funding:*`, out through `refunds`), and no
 *   intent of it is still `authorized` (a hold on the buyer's card that nothing will capture or void);
 * - no money left in `escrow:<orderId>` once the order is final;
 * - no payout still `pending`/`in_transit` once its transfer at the provider has ended.
 * `npm run chaos` runs them over its orders; any test with a stack can run them over its own.
 */
import type postgres from 'postgres';
import { FINAL_STATUSES, isFinal, type OrderStatus } from '../domain/order.js';
import type { IntentRecord, RefundRecord, TransferRecord } from '../sandbox/store.js';
import type { Check } from './checks.js';

type Sql = ReturnType<typeof postgres>;

const FINAL = [...FINAL_STATUSES];

export interface ProviderRecords {
  intents: IntentRecord[];
  refunds: RefundRecord[];
  transfers: TransferRecord[];
}

/** Everything the sandbox provider did, as it keeps it. */
export async function providerRecords(sandboxUrl: string): Promise<ProviderRecords> {
  const res = await fetch(`${sandboxUrl}/_sandbox/records`);
  if (!res.ok) throw new Error(`sandbox records: ${res.status} ${await res.text()}`);
  return (await res.json()) as ProviderRecords;
}

/** What the provider still holds of an intent: captured, less refunds and chargebacks. */
export const heldAtProvider = (i: IntentRecord) =>
  i.amount_captured - i.amount_refunded - (i.amount_disputed ?? 0);

/** Intents by the order their metadata names (an order should have one; a second is counted too). */
export function intentsByOrder(records: ProviderRecords): Map<string, IntentRecord[]> {
  const byOrder = new Map<string, IntentRecord[]>();
  for (const intent of records.intents) {
    const orderId = intent.metadata?.orderId;
    if (!orderId) continue;
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), intent]);
  }
  return byOrder;
}

/** One order as the ledger booked it: money in (`buyer_funding:*`) and out (`refunds`), minor units. */
export interface OrderBooks {
  id: string;
  status: string;
  funded: number;
  refunded: number;
}

/**
 * What is wrong with a final order's money, against the provider's intents for it: what the provider
 * still holds (captures − refunds − chargebacks) is not the ledger's in − out (money taken from or
 * owed to the buyer that the books do not show, or the reverse), or an intent is still `authorized`:
 * a hold on the buyer's card for an order that will never capture it (final, failed or cancelled).
 * An order still moving its money has nothing wrong yet.
 */
export function orderMoneyProblems(order: OrderBooks, intents: IntentRecord[]): string[] {
  if (!isFinal(order.status as OrderStatus)) return [];
  const problems: string[] = [];
  const held = intents.reduce((sum, i) => sum + heldAtProvider(i), 0);
  const net = order.funded - order.refunded;
  if (held !== net) {
    const provider = intents
      .map(
        (i) =>
          `${i.id} captured ${i.amount_captured} refunded ${i.amount_refunded} disputed ${i.amount_disputed ?? 0}`,
      )
      .join(' + ');
    problems.push(
      `${order.id} (${order.status}): provider holds ${held} (${provider || 'no intent'}), ledger net ${net} (in ${order.funded}, refunded ${order.refunded})`,
    );
  }
  for (const hold of intents.filter((i) => i.status === 'authorized'))
    problems.push(`${order.id} (${order.status}): ${hold.id} still authorized, a hold of ${hold.amount}`);
  return problems;
}

/**
 * Per final order: provider captures − refunds − chargebacks = ledger money in (buyer_funding) −
 * money out (refunds), and no authorization left holding the buyer's money (orderMoneyProblems).
 */
export async function checkMoneyConserved(
  sql: Sql,
  orderIds: string[],
  records: ProviderRecords,
): Promise<Check & { chargedBack: number; holds: number }> {
  const rows = await sql<{ id: string; status: string; funded: string; refunded: string }[]>`
    select o.id, o.status,
      coalesce(-sum(l.amount) filter (where l.account like 'buyer_funding:%'), 0)::text as funded,
      coalesce(sum(l.amount) filter (where l.account = 'refunds'), 0)::text as refunded
    from orders o
    left join ledger_entries e on e.order_id = o.id
    left join ledger_lines l on l.entry_id = e.id
    where o.id = any(${orderIds}) and o.status = any(${FINAL})
    group by o.id, o.status`;
  const intents = intentsByOrder(records);
  const problems: string[] = [];
  let captured = 0;
  let chargedBack = 0;
  let holds = 0;
  for (const row of rows) {
    const mine = intents.get(row.id) ?? [];
    captured += mine.reduce((sum, i) => sum + i.amount_captured, 0);
    if (mine.some((i) => (i.amount_disputed ?? 0) > 0)) chargedBack += 1;
    holds += mine.filter((i) => i.status === 'authorized').length;
    problems.push(
      ...orderMoneyProblems(
        { id: row.id, status: row.status, funded: Number(row.funded), refunded: Number(row.refunded) },
        mine,
      ),
    );
  }
  return {
    name: 'money conserved per final order (provider captures − refunds − chargebacks = ledger in − out, no hold left)',
    ok: problems.length === 0,
    detail: problems.length
      ? problems.join('; ')
      : `${rows.length} final orders, ${captured} minor units captured, ${chargedBack} charged back, 0 holds left`,
    chargedBack,
    holds,
  };
}

/**
 * Polls the money rule until it holds for every final order or `timeoutMs` passes: a chargeback that
 * came after an order's end is booked by the late-chargeback workflow once its webhook arrives (late,
 * duplicated or out of order while the provider misbehaves). Returns the ms waited, or undefined.
 */
export async function waitUntilMoneyBooked(
  sql: Sql,
  orderIds: string[],
  sandboxUrl: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const started = Date.now();
  for (;;) {
    if ((await checkMoneyConserved(sql, orderIds, await providerRecords(sandboxUrl))).ok)
      return Date.now() - started;
    if (Date.now() - started > timeoutMs) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Money parked in escrow for a final order is a lost cent. */
export async function checkEscrowEmpty(sql: Sql, orderIds: string[]): Promise<Check> {
  const left = await sql<{ order_id: string; status: string; balance: string }[]>`
    select o.id as order_id, o.status, sum(l.amount)::text as balance
    from orders o join ledger_lines l on l.account = 'escrow:' || o.id
    where o.id = any(${orderIds}) and o.status = any(${FINAL})
    group by o.id, o.status having sum(l.amount) <> 0`;
  return {
    name: 'escrow empty for every final order',
    ok: left.length === 0,
    detail: left.length
      ? left.map((r) => `${r.order_id} (${r.status}): ${r.balance}`).join(', ')
      : 'all zero',
  };
}

/** A payout still pending or in transit whose transfer the provider has paid or failed is stuck. */
export async function checkPayoutsSettled(
  sql: Sql,
  sellerIds: string[],
  records: ProviderRecords,
): Promise<Check & { byStatus: Record<string, number> }> {
  const payouts = await sql<{ id: string; status: string; transfer_id: string | null; amount: string }[]>`
    select id, status, transfer_id, amount::text from payouts where seller_id = any(${sellerIds})`;
  const byId = new Map(records.transfers.map((t) => [t.id, t]));
  const byPayout = new Map(
    records.transfers.flatMap((t) => (t.metadata?.payoutId ? [[t.metadata.payoutId, t] as const] : [])),
  );
  const byStatus: Record<string, number> = {};
  const stuck: string[] = [];
  for (const p of payouts) {
    byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    if (p.status !== 'pending' && p.status !== 'in_transit') continue;
    const transfer = (p.transfer_id ? byId.get(p.transfer_id) : undefined) ?? byPayout.get(p.id);
    if (transfer && transfer.status !== 'pending')
      stuck.push(`${p.id}: ${p.status}, transfer ${transfer.id} ${transfer.status}`);
  }
  return {
    name: 'no payout in transit once its transfer has ended',
    ok: stuck.length === 0,
    detail: stuck.length ? stuck.join('; ') : `${payouts.length} payouts ${JSON.stringify(byStatus)}`,
    byStatus,
  };
}

/** All three over the given orders and the payouts of the given sellers. */
export async function checkInvariants(
  sql: Sql,
  sandboxUrl: string,
  scope: { orderIds: string[]; sellerIds: string[] },
): Promise<Check[]> {
  const records = await providerRecords(sandboxUrl);
  return [
    await checkMoneyConserved(sql, scope.orderIds, records),
    await checkEscrowEmpty(sql, scope.orderIds),
    await checkPayoutsSettled(sql, scope.sellerIds, records),
  ];
}
