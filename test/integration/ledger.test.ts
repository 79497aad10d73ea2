/** The ledger and inventory queries against the run's real PostgreSQL, under concurrency. */
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/new-id.js';
import { reserve } from '../../db/queries/inventory.js';
import {
  accountBalance,
  InsufficientFundsError,
  postEntry,
  refundsBookedForOrder,
} from '../../db/queries/ledger.js';
import { createListing, findListing } from '../../db/queries/listings.js';
import { insertOrder } from '../../db/queries/orders.js';
import { ensureUser } from '../../db/queries/users.js';
import { testDb, uniqueUser } from '../support/stack.js';

const { db, close } = testDb();
afterAll(() => close());

describe('ledger postings', () => {
  it('posts once per key', async () => {
    const order = newId('ord');
    const lines = [
      { account: 'buyer_funding:EUR', currency: 'EUR' as const, amount: '-700' },
      { account: `escrow:${order}`, currency: 'EUR' as const, amount: '700' },
    ];
    const key = `${order}:capture`;
    const results = await Promise.all(
      [1, 2, 3].map(() => postEntry(db, { key, description: 'test', lines })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await accountBalance(db, `escrow:${order}`, 'EUR')).toBe(700n);
  });

  it('never lets a non-negative account go below zero, even under concurrent debits', async () => {
    const seller = uniqueUser('seller');
    await postEntry(db, {
      key: `${seller}:fund`,
      description: 'fund',
      lines: [
        { account: 'platform_test_source', currency: 'EUR', amount: '-1000' },
        { account: `seller_available:${seller}`, currency: 'EUR', amount: '1000' },
      ],
    });
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        postEntry(db, {
          key: `${seller}:payout:${i}`,
          description: 'payout',
          lines: [
            { account: `seller_available:${seller}`, currency: 'EUR', amount: '-400' },
            { account: `payout_in_transit:${seller}`, currency: 'EUR', amount: '400' },
          ],
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(rejected.every((r) => r.reason instanceof InsufficientFundsError)).toBe(true);
    expect(await accountBalance(db, `seller_available:${seller}`, 'EUR')).toBe(200n);
  });
});

describe('refunds booked for an order (what a late chargeback compares with the provider)', () => {
  it('sums the order’s postings to `refunds`, and only that order’s', async () => {
    const order = newId('ord');
    const other = newId('ord');
    const post = (orderId: string, key: string, refund: number) =>
      postEntry(db, {
        key: `${orderId}:${key}`,
        description: 'test',
        orderId,
        lines: [
          { account: 'platform_test_source', currency: 'EUR', amount: String(-refund) },
          { account: 'refunds', currency: 'EUR', amount: String(refund) },
        ],
      });
    expect(await refundsBookedForOrder(db, order)).toBe(0n);
    await post(order, 'dispute-settlement', 6_000);
    await post(order, 'chargeback-recovery', 1_500);
    await post(other, 'dispute-settlement', 9_999);
    expect(await refundsBookedForOrder(db, order)).toBe(7_500n);
    expect(await refundsBookedForOrder(db, other)).toBe(9_999n);
  });
});

describe('inventory reservation', () => {
  it('never oversells: 30 concurrent buyers, 3 units', async () => {
    const seller = uniqueUser('seller');
    await ensureUser(db, seller, 'seller');
    const listing = await createListing(db, {
      id: newId('lst'),
      sellerId: seller,
      title: 'Hot item',
      amount: 100n,
      currency: 'EUR',
      quantity: 3,
      available: 3,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const buyer = uniqueUser('buyer');
        await ensureUser(db, buyer, 'buyer');
        const orderId = newId('ord');
        await insertOrder(db, {
          id: orderId,
          listingId: listing.id,
          buyerId: buyer,
          sellerId: seller,
          quantity: 1,
          amount: 100n,
          currency: 'EUR',
          paymentMethod: 'pm_card_ok',
        });
        const first = await reserve(db, {
          reservationId: newId('res'),
          orderId,
          listingId: listing.id,
          quantity: 1,
        });
        const retry = await reserve(db, {
          reservationId: newId('res'),
          orderId,
          listingId: listing.id,
          quantity: 1,
        });
        return { first, retry };
      }),
    );
    expect(outcomes.filter((o) => o.first === 'reserved')).toHaveLength(3);
    expect(outcomes.filter((o) => o.first === 'out_of_stock')).toHaveLength(27);
    // A retried reserve of a reserved order is a no-op; of a refused one it is refused again.
    expect(outcomes.filter((o) => o.first === 'reserved').every((o) => o.retry === 'already_reserved')).toBe(
      true,
    );
    expect(outcomes.filter((o) => o.first === 'out_of_stock').every((o) => o.retry === 'out_of_stock')).toBe(
      true,
    );
    expect((await findListing(db, listing.id))?.available).toBe(0);
  });
});
