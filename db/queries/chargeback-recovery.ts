/**
 * A late chargeback's recovery (workflows/late-chargeback.ts), read and booked in one transaction
 * under the order's row lock. Read and booked apart, two chargeback events for the same money
 * (distinct provider events handled at the same moment) each found what the books miss before either
 * booked it, and both took it from the seller and the fee. Under the lock the second reads the first's
 * booking and recovers only what is still missing.
 */
import { and, eq } from 'drizzle-orm';
import { type LateRecoveryFacts, lateRecoveryLines } from '../../domain/chargeback.js';
import { accounts } from '../../domain/ids.js';
import type { Db, DbOrTx } from '../client.js';
import { ledgerEntries, ledgerLines, orders } from '../schema/index.js';
import { postEntry, refundsBookedForOrder, releasedForOrder } from './ledger.js';

export interface LateRecovery extends Pick<LateRecoveryFacts, 'takenBack' | 'amount' | 'currency'> {
  orderId: string;
  /** The posting's idempotency key (the workflow's step). */
  key: string;
  describe(recovered: number): string;
}

/** Books what the books still miss of `takenBack`, up to `amount`; answers what it recovered. */
export async function recoverUnbookedTakeBack(db: Db, input: LateRecovery): Promise<{ recovered: number }> {
  return db.transaction(async (tx) => {
    await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, input.orderId)).for('update');
    const done = await recoveredUnder(tx, input.key);
    if (done !== undefined) return { recovered: done };
    const lines = lateRecoveryLines({
      ...input,
      booked: Number(await refundsBookedForOrder(tx, input.orderId)),
      released: await releasedForOrder(tx, input.orderId),
    });
    if (!lines) return { recovered: 0 };
    const recovered = Number(lines.at(-1)!.amount);
    await postEntry(tx, {
      key: input.key,
      description: input.describe(recovered),
      orderId: input.orderId,
      lines,
    });
    return { recovered };
  });
}

/** A retried step finds its posting: what it booked to `refunds` (every recovery posts a line there). */
async function recoveredUnder(db: DbOrTx, key: string): Promise<number | undefined> {
  const [line] = await db
    .select({ amount: ledgerLines.amount })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerEntries.key, key), eq(ledgerLines.account, accounts.refunds)));
  return line && Number(line.amount);
}
