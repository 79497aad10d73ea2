/** withinTransaction on the run's real PostgreSQL: the caller's transaction when there is one, else its own. */

import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/new-id.js';
import { InsufficientFundsError, postEntry } from '../../db/queries/ledger.js';
import { ledgerEntries } from '../../db/schema/index.js';
import { testDb } from '../support/stack.js';

const { db, close } = testDb();
afterAll(() => close());

const posting = (key: string, account: string) => ({
  key,
  description: 'within-transaction test',
  lines: [
    { account, currency: 'EUR' as const, amount: '-500' },
    { account: `escrow:${key}`, currency: 'EUR' as const, amount: '500' },
  ],
});
const entryExists = async (key: string) =>
  (await db.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.key, key))).length ===
  1;

describe('withinTransaction (postEntry)', () => {
  it('inside a caller’s transaction: rolled back with it, no savepoint of its own', async () => {
    const key = newId('ord');
    await expect(
      db.transaction(async (tx) => {
        await postEntry(tx, posting(key, 'buyer_funding:EUR'));
        expect(await entryExists(key)).toBe(false); // not committed yet: the caller's transaction
        throw new Error('the caller fails after the posting');
      }),
    ).rejects.toThrow('the caller fails after the posting');
    expect(await entryExists(key)).toBe(false);
  });

  it('inside a caller’s transaction, a refused posting leaves its partial rows there: the caller must roll back', async () => {
    const key = newId('ord');
    await expect(
      db.transaction(async (tx) => {
        await expect(postEntry(tx, posting(key, `seller_available:${key}`))).rejects.toBeInstanceOf(
          InsufficientFundsError,
        );
        // No savepoint was rolled back to: the entry written before the refusal is still in the transaction.
        const seen = await tx
          .select({ id: ledgerEntries.id })
          .from(ledgerEntries)
          .where(eq(ledgerEntries.key, key));
        expect(seen).toHaveLength(1);
        throw new Error('rolled back, as every caller does');
      }),
    ).rejects.toThrow('rolled back');
    expect(await entryExists(key)).toBe(false);
  });

  it('on its own: its transaction commits, or rolls back whole on a refused debit', async () => {
    const key = newId('ord');
    await postEntry(db, posting(key, 'buyer_funding:EUR'));
    expect(await entryExists(key)).toBe(true);

    const refused = newId('ord');
    // A seller's available balance never goes below zero: debiting an empty one is refused, nothing stays.
    await expect(postEntry(db, posting(refused, `seller_available:${refused}`))).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(await entryExists(refused)).toBe(false);
  });
});
