/**
 * A late chargeback's recovery against the run's real PostgreSQL (db/queries/chargeback-recovery.ts):
 * what the books miss, read and booked under the order's lock, so chargeback events handled at the
 * same moment recover the money once between them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { recoverUnbookedTakeBack } from '../../db/queries/chargeback-recovery.js';
import { accountBalance, postEntry, refundsBookedForOrder } from '../../db/queries/ledger.js';
import { accounts } from '../../domain/ids.js';
import { plantedOrder } from '../support/planted-order.js';
import { testDb } from '../support/stack.js';

const { db, close } = testDb();
afterAll(() => close());

const PRICE = 10_000;
const FEE = 1_000;

/** An order captured and released (9,000 to the seller, 1,000 fee), its seller richer by other sales. */
async function releasedOrder() {
  const { orderId, seller } = await plantedOrder(db, BigInt(PRICE));
  const post = (key: string, lines: Array<[string, number]>, orderId?: string) =>
    postEntry(db, {
      key,
      description: key,
      ...(orderId && { orderId }),
      lines: lines.map(([account, amount]) => ({ account, currency: 'EUR', amount: String(amount) })),
    });
  await post(
    `${orderId}:capture`,
    [
      [accounts.buyerFunding('EUR'), -PRICE],
      [accounts.escrow(orderId), PRICE],
    ],
    orderId,
  );
  await post(
    `${orderId}:release`,
    [
      [accounts.escrow(orderId), -PRICE],
      [accounts.sellerAvailable(seller), PRICE - FEE],
      [accounts.platformFees, FEE],
    ],
    orderId,
  );
  // Other sales: without them the seller's balance and the fees alone would refuse a second recovery.
  await post(`${orderId}:other-sales`, [
    [accounts.buyerFunding('EUR'), -55_000],
    [accounts.sellerAvailable(seller), 50_000],
    [accounts.platformFees, 5_000],
  ]);
  return { orderId, seller };
}

const recovery = (orderId: string, event: string, takenBack: number, amount = takenBack) => ({
  orderId,
  takenBack,
  amount,
  currency: 'EUR' as const,
  key: `chargeback-${event}:recovery`,
  describe: (recovered: number) => `order ${orderId}: chargeback ${event}, ${recovered} recovered`,
});

describe('a late chargeback’s recovery', () => {
  it('two events for the same chargeback at the same moment recover it once between them', async () => {
    const orders = await Promise.all(Array.from({ length: 4 }, () => releasedOrder()));
    const results = await Promise.all(
      orders.map(({ orderId }) =>
        Promise.all([
          recoverUnbookedTakeBack(db, recovery(orderId, `${orderId}-created`, PRICE)),
          recoverUnbookedTakeBack(db, recovery(orderId, `${orderId}-funds-withdrawn`, PRICE)),
        ]),
      ),
    );
    for (const [i, { orderId, seller }] of orders.entries()) {
      expect(results[i]!.map((r) => r.recovered).sort()).toEqual([0, PRICE]);
      expect(await refundsBookedForOrder(db, orderId)).toBe(BigInt(PRICE));
      expect(await accountBalance(db, accounts.sellerAvailable(seller), 'EUR')).toBe(50_000n);
    }
  });

  it('a second, later chargeback recovers only what the provider took back beyond the first', async () => {
    const { orderId, seller } = await releasedOrder();
    expect(await recoverUnbookedTakeBack(db, recovery(orderId, 'first', 4_000))).toEqual({
      recovered: 4_000,
    });
    // The provider now shows 7,000 taken back in all: 3,000 more.
    expect(await recoverUnbookedTakeBack(db, recovery(orderId, 'second', 7_000, 3_000))).toEqual({
      recovered: 3_000,
    });
    // The first one's webhook handed on again under another event id: nothing left to recover.
    expect(await recoverUnbookedTakeBack(db, recovery(orderId, 'first-again', 7_000, 4_000))).toEqual({
      recovered: 0,
    });
    expect(await refundsBookedForOrder(db, orderId)).toBe(7_000n);
    // The seller's 9,000 share and the 1,000 fee pay back 7,000 in proportion: 6,300 and 700.
    expect(await accountBalance(db, accounts.sellerAvailable(seller), 'EUR')).toBe(50_000n + 9_000n - 6_300n);
  });

  it('a retried step answers what it booked the first time and books nothing more', async () => {
    const { orderId } = await releasedOrder();
    const step = recovery(orderId, 'retried', PRICE);
    expect(await recoverUnbookedTakeBack(db, step)).toEqual({ recovered: PRICE });
    expect(await recoverUnbookedTakeBack(db, step)).toEqual({ recovered: PRICE });
    expect(await refundsBookedForOrder(db, orderId)).toBe(BigInt(PRICE));
  });
});
