/**
 * Auctions as db/queries/auctions.ts keeps them, in memory: a bid is the API's transaction (the proxy
 * rule of domain/auction.ts on the auction's standing, the soft close, the outbid notice), the end is
 * the workflow's step under the same "lock" (the kit is single-threaded), and the auction workflow's
 * activities (closeAuction, placeAuctionOrder, awaitOrderPayment, recordAuctionOutcome) act on it.
 */
import { orderPaymentOutcome } from '../../activities/auctions.js';
import type { Activities } from '../../activities/index.js';
import {
  type AuctionOutcome,
  type AuctionTerms,
  type BidStatus,
  extendedEnd,
  isRefusal,
  openingStanding,
  placeBid,
  type Standing,
} from '../../domain/auction.js';
import type { Currency } from '../../domain/money.js';
import type { NotifyInput } from '../../domain/notifications.js';
import type { KitState } from './activities.js';

export interface AuctionRow {
  listingId: string;
  sellerId: string;
  currency: Currency;
  terms: AuctionTerms;
  endsAt: number;
  status: 'open' | 'ended';
  standing: Standing;
  bids: { bidderId: string; maxAmount: number; seq: number; paymentMethod: string; status: BidStatus }[];
  outcome?: AuctionOutcome;
}

export type KitBidOutcome =
  | { outcome: 'placed'; status: BidStatus; currentPrice: number; endsAt: number; extended: boolean }
  | { outcome: 'closed' }
  | { outcome: 'bid_too_low'; minimumBid: number };

export class FakeAuctions {
  private readonly rows = new Map<string, AuctionRow>();

  create(row: Omit<AuctionRow, 'status' | 'standing' | 'bids'>): void {
    this.rows.set(row.listingId, { ...row, status: 'open', standing: openingStanding(row.terms), bids: [] });
  }

  row(listingId: string): AuctionRow {
    const row = this.rows.get(listingId);
    if (!row) throw new Error(`no auction ${listingId}`);
    return row;
  }

  /** placeBidRow: the end, the proxy rule, the bid at the next seq, the soft close, the outbid notice. */
  bid(
    listingId: string,
    bid: { bidderId: string; maxAmount: number; paymentMethod: string; at: number; softCloseMs: number },
    outbox: (notice: NotifyInput) => void,
  ): KitBidOutcome {
    const row = this.row(listingId);
    if (row.status !== 'open' || bid.at >= row.endsAt) return { outcome: 'closed' };
    const placed = placeBid(row.terms, row.standing, bid);
    if (isRefusal(placed)) return { outcome: 'bid_too_low', minimumBid: placed.minimumBid };
    const endsAt = extendedEnd(row.endsAt, bid.at, bid.softCloseMs);
    const extended = endsAt > row.endsAt;
    row.standing = placed.standing;
    row.endsAt = endsAt;
    row.bids.push({ ...bid, seq: placed.standing.bidCount, status: placed.status });
    if (placed.outbidId)
      outbox({
        dedupeKey: `auction-${listingId}:notify:${placed.outbidId}:outbid:${placed.standing.bidCount}`,
        userId: placed.outbidId,
        type: 'auction.outbid',
        payload: { listingId, currentPrice: placed.standing.currentPrice },
      });
    return {
      outcome: 'placed',
      status: placed.status,
      currentPrice: placed.standing.currentPrice,
      endsAt,
      extended,
    };
  }
}

type AuctionActivities = Pick<
  Activities,
  'closeAuction' | 'placeAuctionOrder' | 'awaitOrderPayment' | 'recordAuctionOutcome'
>;

export function auctionFakes(
  s: KitState & { auctions: FakeAuctions },
  outbox: (notice: NotifyInput) => Promise<void>,
  iso: () => Promise<string>,
): AuctionActivities {
  return {
    async closeAuction({ listingId, at }) {
      const row = s.auctions.row(listingId);
      if (row.status === 'open' && Date.parse(at) < row.endsAt)
        return { status: 'open', endsAt: new Date(row.endsAt).toISOString() };
      row.status = 'ended';
      return {
        status: 'ended',
        standing: structuredClone(row.standing),
        bids: row.bids.map(({ status: _, ...b }) => ({ ...b })),
      };
    },
    async placeAuctionOrder(order) {
      const taken = s.stock.reserve({ orderId: order.id, listingId: order.listingId, quantity: 1 });
      if (taken === 'out_of_stock' || taken === 'listing_not_found') return 'out_of_stock';
      s.orders.insert({ ...order, quantity: 1 }, await iso());
      return 'placed';
    },
    async awaitOrderPayment({ orderId }) {
      return orderPaymentOutcome(s.client, orderId);
    },
    async recordAuctionOutcome({ listingId, outcome, notify }) {
      s.auctions.row(listingId).outcome = outcome;
      for (const notice of notify) await outbox(notice);
    },
  };
}
