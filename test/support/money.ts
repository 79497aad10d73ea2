/**
 * The money invariants of a final order, checked against the provider's own records: what the
 * provider captured minus what it refunded and the bank charged back equals what the ledger moved for
 * the order, no authorization is left holding the buyer's money, reconciliation finds nothing, and
 * nothing is left in its escrow account. The per-order rule is chaos/invariants.ts's, shared with
 * `npm run chaos`.
 */
import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { orderMoneyProblems } from '../../chaos/invariants.js';
import type { Db } from '../../db/client.js';
import { accountBalance } from '../../db/queries/ledger.js';
import { findOrder } from '../../db/queries/orders.js';
import { platformFacts } from '../../db/queries/reconciliation.js';
import { ledgerEntries, ledgerLines } from '../../db/schema/index.js';
import { isFinal, type OrderStatus } from '../../domain/order.js';
import { reconcile } from '../../domain/reconciliation.js';
import type { IntentRecord } from '../../sandbox/store.js';
import { stack } from './stack.js';

/** The ledger's money in (buyer_funding) and out (refunds) for the order. */
async function bookedFor(db: Db, orderId: string): Promise<{ funded: number; refunded: number }> {
  const [row] = await db
    .select({
      funded: sql<string>`coalesce(-sum(${ledgerLines.amount}) filter (where ${ledgerLines.account} like 'buyer_funding:%'), 0)`,
      refunded: sql<string>`coalesce(sum(${ledgerLines.amount}) filter (where ${ledgerLines.account} = 'refunds'), 0)`,
    })
    .from(ledgerLines)
    .innerJoin(
      ledgerEntries,
      and(eq(ledgerEntries.id, ledgerLines.entryId), eq(ledgerEntries.orderId, orderId)),
    );
  return { funded: Number(row?.funded ?? 0), refunded: Number(row?.refunded ?? 0) };
}

export async function expectFinalOrderMoneyBalanced(db: Db, orderId: string): Promise<void> {
  const order = await findOrder(db, orderId);
  expect(isFinal(order!.status as OrderStatus), `order ${orderId} is ${order?.status}`).toBe(true);
  const { intents: all } = (await (await fetch(`${stack().sandboxUrl}/_sandbox/records`)).json()) as {
    intents: IntentRecord[];
  };
  const intents = all.filter((i) => i.metadata?.orderId === orderId);
  const books = await bookedFor(db, orderId);
  expect(orderMoneyProblems({ id: orderId, status: order!.status, ...books }, intents)).toEqual([]);
  const { orders } = await platformFacts(
    db,
    { from: new Date(0), to: new Date(Date.now() + 60_000) },
    intents.map((i) => i.id),
  );
  const ours = orders.filter((o) => o.orderId === orderId);
  const theirs = intents.map((i) => ({
    id: i.id,
    orderId,
    captured: i.amount_captured,
    refunded: i.amount_refunded,
    disputed: i.amount_disputed ?? 0,
  }));
  expect(reconcile({ orders: ours, payouts: [] }, { intents: theirs, transfers: [] })).toEqual([]);
  expect(await accountBalance(db, `escrow:${orderId}`, order!.currency)).toBe(0n);
}
