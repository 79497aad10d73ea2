/** What a rush of bids must leave in PostgreSQL, shared by the auction e2e tests. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { bidsOf } from '../../db/queries/auctions.js';
import { bids as bidRows } from '../../db/schema/index.js';
import { type AuctionTerms, type Standing, standingOf } from '../../domain/auction.js';
import { testDb } from './stack.js';

/**
 * Every 201 is a bid row and no row lacks its 201; the price never went down in the lock's order.
 * Returns the proxy rule's standing over the accepted bids, which the auction's outcome must match.
 */
export async function expectBidRowsOf(
  listingId: string,
  accepted: readonly string[],
  terms: AuctionTerms,
): Promise<Standing> {
  const { db, close } = testDb();
  try {
    const rows = await db.select().from(bidRows).where(eq(bidRows.listingId, listingId));
    expect(rows.map((r) => r.id).sort()).toEqual([...accepted].sort());
    const prices = rows.sort((a, b) => a.seq - b.seq).map((r) => Number(r.currentPrice));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    return standingOf(terms, await bidsOf(db, listingId));
  } finally {
    await close();
  }
}
