/**
 * Auction rows (docs/design.md "Auctions"): the listing and its auction created together; a bid is
 * one transaction on the auction row locked FOR UPDATE (the proxy rule of domain/auction.ts computes
 * the new standing, the bid row and the outbid notice go in with it); the end is the same lock taken
 * by the auction's workflow, so every bid is either before the end or refused after it.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import {
  type AcceptedBid,
  type AuctionOutcome,
  type AuctionTerms,
  type BidStatus,
  extendedEnd,
  isRefusal,
  placeBid,
  type Standing,
} from '../../domain/auction.js';
import type { NotifyInput } from '../../domain/notifications.js';
import type { DbOrTx } from '../client.js';
import { auctions, bids, listings } from '../schema/index.js';
import { enqueueNotifications } from './notification-outbox.js';

export type AuctionRow = typeof auctions.$inferSelect;
export type BidRow = typeof bids.$inferSelect;

export const termsOf = (row: AuctionRow): AuctionTerms => ({
  startAmount: Number(row.startAmount),
  ...(row.reserveAmount !== null && { reserveAmount: Number(row.reserveAmount) }),
  bidIncrement: Number(row.bidIncrement),
});

export const standingOfRow = (row: AuctionRow): Standing => ({
  ...(row.leaderId !== null && { leaderId: row.leaderId }),
  ...(row.leaderMax !== null && { leaderMax: Number(row.leaderMax) }),
  ...(row.secondMax !== null && { secondMax: Number(row.secondMax) }),
  currentPrice: Number(row.currentPrice),
  bidCount: row.bidCount,
});

/**
 * The listing (format `auction`, one unit) and its auction, in one transaction. A retried request
 * (the same listing id, from its Idempotency-Key) finds the rows it wrote.
 */
export async function createAuctionListing(
  db: DbOrTx,
  listing: typeof listings.$inferInsert & { id: string },
  auction: Omit<typeof auctions.$inferInsert, 'listingId' | 'sellerId' | 'currency' | 'currentPrice'>,
): Promise<{ listing: typeof listings.$inferSelect; auction: AuctionRow }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(listings).where(eq(listings.id, listing.id));
    const found = existing && (await findAuction(tx, listing.id));
    if (existing && found) return { listing: existing, auction: found };
    const [l] = await tx
      .insert(listings)
      .values({ ...listing, format: 'auction' })
      .returning();
    const [a] = await tx
      .insert(auctions)
      .values({
        ...auction,
        listingId: l!.id,
        sellerId: l!.sellerId,
        currency: l!.currency,
        currentPrice: auction.startAmount,
      })
      .returning();
    return { listing: l!, auction: a! };
  });
}

export async function findAuction(db: DbOrTx, listingId: string): Promise<AuctionRow | undefined> {
  const [row] = await db.select().from(auctions).where(eq(auctions.listingId, listingId));
  return row;
}

export type PlacedBid =
  | { outcome: 'placed'; bid: BidRow; auction: AuctionRow; extended: boolean }
  | { outcome: 'not_found' | 'self_bid' }
  | { outcome: 'closed'; auction: AuctionRow }
  | { outcome: 'bid_too_low'; minimumBid: number };

/**
 * One bid: the auction row locked, the end checked against `at`, the proxy rule applied, the bid row
 * written at the next `seq`, the soft close applied, and the bidder who lost the lead told (the outbox,
 * same transaction). `extended` says the end moved (the workflow is told after the commit).
 */
export async function placeBidRow(
  db: DbOrTx,
  p: {
    listingId: string;
    bidderId: string;
    maxAmount: number;
    paymentMethod: string;
    at: Date;
    softCloseMs: number;
  },
): Promise<PlacedBid> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(auctions).where(eq(auctions.listingId, p.listingId)).for('update');
    if (!row) return { outcome: 'not_found' as const };
    if (row.sellerId === p.bidderId) return { outcome: 'self_bid' as const };
    if (row.status !== 'open' || p.at.getTime() >= row.endsAt.getTime())
      return { outcome: 'closed' as const, auction: row };
    const placed = placeBid(termsOf(row), standingOfRow(row), p);
    if (isRefusal(placed)) return { outcome: 'bid_too_low' as const, minimumBid: placed.minimumBid };
    const s = placed.standing;
    const endsAt = new Date(extendedEnd(row.endsAt.getTime(), p.at.getTime(), p.softCloseMs));
    const [bid] = await tx
      .insert(bids)
      .values({
        id: `bid_${randomUUID().replaceAll('-', '')}`,
        listingId: p.listingId,
        bidderId: p.bidderId,
        seq: s.bidCount,
        maxAmount: BigInt(p.maxAmount),
        paymentMethod: p.paymentMethod,
        status: placed.status satisfies BidStatus,
        currentPrice: BigInt(s.currentPrice),
        createdAt: p.at,
      })
      .returning();
    const [updated] = await tx
      .update(auctions)
      .set({
        leaderId: s.leaderId ?? null,
        leaderMax: s.leaderMax === undefined ? null : BigInt(s.leaderMax),
        secondMax: s.secondMax === undefined ? null : BigInt(s.secondMax),
        currentPrice: BigInt(s.currentPrice),
        bidCount: s.bidCount,
        endsAt,
        updatedAt: p.at,
      })
      .where(eq(auctions.listingId, p.listingId))
      .returning();
    if (placed.outbidId)
      await enqueueNotifications(tx, [
        {
          dedupeKey: `auction-${p.listingId}:notify:${placed.outbidId}:outbid:${s.bidCount}`,
          userId: placed.outbidId,
          type: 'auction.outbid',
          payload: {
            listingId: p.listingId,
            currentPrice: s.currentPrice,
            currency: row.currency,
            minimumBid: s.currentPrice + Number(row.bidIncrement),
            endsAt: endsAt.toISOString(),
          },
        },
      ]);
    return { outcome: 'placed' as const, bid: bid!, auction: updated!, extended: endsAt > row.endsAt };
  });
}

/** The accepted bids in their order, each with its bidder's payment method. */
export async function bidsOf(
  db: DbOrTx,
  listingId: string,
): Promise<(AcceptedBid & { paymentMethod: string })[]> {
  const rows = await db.select().from(bids).where(eq(bids.listingId, listingId)).orderBy(asc(bids.seq));
  return rows.map((b) => ({
    bidderId: b.bidderId,
    maxAmount: Number(b.maxAmount),
    seq: b.seq,
    paymentMethod: b.paymentMethod,
  }));
}

export type ClosedAuction =
  | { status: 'open'; endsAt: string }
  | { status: 'ended'; standing: Standing; bids: (AcceptedBid & { paymentMethod: string })[] };

/**
 * The end, taken by the auction's workflow at `at` (its clock): under the row lock, an auction whose
 * end a late bid moved stays open (the new end is answered), else it is `ended` and no bid lands after.
 * Ending twice (a retried step) answers the same.
 */
export async function closeAuction(db: DbOrTx, listingId: string, at: Date): Promise<ClosedAuction> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(auctions).where(eq(auctions.listingId, listingId)).for('update');
    if (!row) throw new Error(`auction ${listingId} not found`);
    if (row.status === 'open' && at.getTime() < row.endsAt.getTime())
      return { status: 'open' as const, endsAt: row.endsAt.toISOString() };
    if (row.status === 'open')
      await tx
        .update(auctions)
        .set({ status: 'ended', updatedAt: sql`now()` })
        .where(eq(auctions.listingId, listingId));
    return { status: 'ended' as const, standing: standingOfRow(row), bids: await bidsOf(tx, listingId) };
  });
}

/** The auction's outcome with its notices (the outbox, same transaction). */
export async function recordAuctionOutcome(
  db: DbOrTx,
  listingId: string,
  outcome: AuctionOutcome,
  notify: readonly NotifyInput[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(auctions)
      .set({
        result: outcome.result,
        orderId: outcome.orderId ?? null,
        winnerId: outcome.winnerId ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(auctions.listingId, listingId));
    if (notify.length) await enqueueNotifications(tx, notify);
  });
}

/** Has `userId` bid on this auction (a bidder sees whether they lead; the outcome names the winner to the parties). */
export async function hasBid(db: DbOrTx, listingId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ seq: bids.seq })
    .from(bids)
    .where(sql`${bids.listingId} = ${listingId} and ${bids.bidderId} = ${userId}`)
    .limit(1);
  return rows.length > 0;
}
