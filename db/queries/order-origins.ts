/**
 * Where an order came from, for the operator's timeline: the offer an acceptance turned into it, or the
 * auction that sold it (with both of an auction's orders: the winner's and the second chance).
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { auctionOrderId } from '../../domain/auction.js';
import type { DbOrTx } from '../client.js';
import { offers, orders } from '../schema/index.js';
import { type AuctionRow, findAuction } from './auctions.js';
import type { OfferRow } from './offers.js';

/** The accepted offer that placed this order (one at most: `offers.order_id`). */
export async function offerOfOrder(db: DbOrTx, orderId: string): Promise<OfferRow | undefined> {
  const [row] = await db.select().from(offers).where(eq(offers.orderId, orderId)).limit(1);
  return row;
}

export interface AuctionOrigin {
  auction: AuctionRow;
  /** The auction's orders, the winner's first (`ord_<listingId>_1`), then the second chance's. */
  orders: Array<Pick<typeof orders.$inferSelect, 'id' | 'buyerId' | 'amount' | 'status' | 'createdAt'>>;
}

/** The auction that sold this order's listing, if the listing is an auction, and that auction's orders. */
export async function auctionOfOrder(db: DbOrTx, listingId: string): Promise<AuctionOrigin | undefined> {
  const auction = await findAuction(db, listingId);
  if (!auction) return undefined;
  const ids = ([1, 2] as const).map((attempt) => auctionOrderId({ listingId }, attempt));
  const placed = await db
    .select({
      id: orders.id,
      buyerId: orders.buyerId,
      amount: orders.amount,
      status: orders.status,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(inArray(orders.id, ids))
    .orderBy(asc(orders.id));
  return { auction, orders: placed };
}
