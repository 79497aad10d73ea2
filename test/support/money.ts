/**
 * The money invariants of a final order, checked against the provider's own records: what the
 * provider captured minus what it refunded and the bank charged back equals what the ledger moved for
 * the order, and nothing is left in its escrow account.
 */
import { expect } from 'vitest';
import type { Db } from '../../db/client.js';
import { accountBalance } from '../../db/queries/ledger.js';
import { findOrder } from '../../db/queries/orders.js';
import { platformFacts } from '../../db/queries/reconciliation.js';
import { isFinal, type OrderStatus } from '../../domain/order.js';
import { reconcile } from '../../domain/reconciliation.js';
import { stack } from './stack.js';

interface SandboxIntent {
  id: string;
  metadata?: { orderId?: string };
  amount_captured: number;
  amount_refunded: number;
  amount_disputed?: number;
}

export async function expectFinalOrderMoneyBalanced(db: Db, orderId: string): Promise<void> {
  const order = await findOrder(db, orderId);
  expect(isFinal(order!.status as OrderStatus), `order ${orderId} is ${order?.status}`).toBe(true);
  const { intents } = (await (await fetch(`${stack().sandboxUrl}/_sandbox/records`)).json()) as {
    intents: SandboxIntent[];
  };
  const intent = intents.find((i) => i.metadata?.orderId === orderId);
  const { orders } = await platformFacts(
    db,
    { from: new Date(0), to: new Date(Date.now() + 60_000) },
    intent ? [intent.id] : [],
  );
  const ours = orders.filter((o) => o.orderId === orderId);
  const theirs = intent
    ? [
        {
          id: intent.id,
          orderId,
          captured: intent.amount_captured,
          refunded: intent.amount_refunded,
          disputed: intent.amount_disputed ?? 0,
        },
      ]
    : [];
  expect(reconcile({ orders: ours, payouts: [] }, { intents: theirs, transfers: [] })).toEqual([]);
  expect(await accountBalance(db, `escrow:${orderId}`, order!.currency)).toBe(0n);
}
