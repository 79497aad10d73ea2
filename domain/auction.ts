/**
 * Auctions (docs/design.md "Auctions", contract v1.2): the proxy-bidding rule as pure functions over
 * the bids accepted so far, shared by the API's bid transaction, the auction workflow's end and the
 * second-chance price. Amounts are minor units of the listing's currency.
 */
import type { EscrowTimers } from './escrow.js';
import type { Currency } from './money.js';

export const AUCTION_WORKFLOW = 'auctionWorkflow';
/** A listing's bid increment when its seller names none. */
export const DEFAULT_BID_INCREMENT = 100;

export const LISTING_FORMATS = ['fixed_price', 'auction'] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

export const AUCTION_STATUSES = ['open', 'ended'] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];
export const AUCTION_RESULTS = ['sold', 'unsold', 'payment_failed'] as const;
export type AuctionResult = (typeof AUCTION_RESULTS)[number];
export const BID_STATUSES = ['leading', 'outbid'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export interface AuctionTerms {
  startAmount: number;
  reserveAmount?: number;
  bidIncrement: number;
}

/** One accepted bid: its bidder's maximum, in the order the bids were accepted (`seq`). */
export interface AcceptedBid {
  bidderId: string;
  maxAmount: number;
  seq: number;
}

/**
 * What the proxy rule needs of the bids so far: the leader, the leader's maximum, the highest
 * maximum of anyone else, and the price they give.
 */
export interface Standing {
  leaderId?: string;
  leaderMax?: number;
  /** The highest maximum of the bidders other than the leader. */
  secondMax?: number;
  currentPrice: number;
  bidCount: number;
}

export const openingStanding = (terms: AuctionTerms): Standing => ({
  currentPrice: terms.startAmount,
  bidCount: 0,
});

/**
 * The price: the second-highest maximum plus the increment, capped by the highest maximum (a lone
 * bidder pays the start amount). As eBay, a leading maximum at or above the reserve lifts the price
 * to the reserve at least, so a met reserve is always paid.
 */
export function priceOf(terms: AuctionTerms, leaderMax: number | undefined, secondMax?: number): number {
  if (leaderMax === undefined) return terms.startAmount;
  const proxy =
    secondMax === undefined ? terms.startAmount : Math.min(leaderMax, secondMax + terms.bidIncrement);
  const reserve = terms.reserveAmount;
  return reserve !== undefined && leaderMax >= reserve ? Math.max(proxy, reserve) : proxy;
}

/** The lowest maximum `bidderId` may bid now: the start, the price plus the increment, or above their own. */
export function minimumBid(terms: AuctionTerms, s: Standing, bidderId?: string): number {
  if (s.leaderId === undefined) return terms.startAmount;
  if (bidderId !== undefined && bidderId === s.leaderId) return s.leaderMax! + terms.bidIncrement;
  return s.currentPrice + terms.bidIncrement;
}

export type BidRefusal = { type: 'bid_too_low'; minimumBid: number };

export interface BidOutcome {
  standing: Standing;
  status: BidStatus;
  /** The previous leader, when this bid took the lead from someone else: told `auction.outbid`. */
  outbidId?: string;
}

/**
 * One bid under the proxy rule. A bid not above the leader's maximum is accepted `outbid` (the
 * leader's proxy answers it at once); on equal maxima the earlier bid keeps the lead. The leader may
 * raise their own maximum: the lead stays, the price moves only if the reserve lifts it.
 */
export function placeBid(
  terms: AuctionTerms,
  s: Standing,
  bid: { bidderId: string; maxAmount: number },
): BidOutcome | BidRefusal {
  const minimum = minimumBid(terms, s, bid.bidderId);
  if (!Number.isSafeInteger(bid.maxAmount) || bid.maxAmount < minimum)
    return { type: 'bid_too_low', minimumBid: minimum };
  const bidCount = s.bidCount + 1;
  if (s.leaderId === undefined || s.leaderId === bid.bidderId) {
    const leaderMax = bid.maxAmount;
    return {
      status: 'leading',
      standing: {
        leaderId: bid.bidderId,
        leaderMax,
        ...(s.secondMax !== undefined && { secondMax: s.secondMax }),
        currentPrice: priceOf(terms, leaderMax, s.secondMax),
        bidCount,
      },
    };
  }
  const leaderMax = s.leaderMax!;
  if (bid.maxAmount > leaderMax)
    return {
      status: 'leading',
      outbidId: s.leaderId,
      standing: {
        leaderId: bid.bidderId,
        leaderMax: bid.maxAmount,
        secondMax: leaderMax,
        currentPrice: priceOf(terms, bid.maxAmount, leaderMax),
        bidCount,
      },
    };
  const secondMax = Math.max(s.secondMax ?? 0, bid.maxAmount);
  return {
    status: 'outbid',
    standing: {
      leaderId: s.leaderId,
      leaderMax,
      secondMax,
      currentPrice: priceOf(terms, leaderMax, secondMax),
      bidCount,
    },
  };
}

export const isRefusal = (o: BidOutcome | BidRefusal): o is BidRefusal => 'type' in o;

/**
 * The standing the accepted bids give, in their order, leaving out `without` (a winner whose payment
 * failed: the second chance's price and bidder). Every accepted bid was valid when placed; left out
 * of the replay, a later bid may fall below the minimum of the bids that remain and still counts
 * with its maximum.
 */
export function standingOf(terms: AuctionTerms, bids: readonly AcceptedBid[], without?: string): Standing {
  const maxima = new Map<string, AcceptedBid>();
  for (const bid of [...bids].sort((a, b) => a.seq - b.seq)) {
    if (bid.bidderId === without) continue;
    const held = maxima.get(bid.bidderId);
    // A bidder's priority is the bid that set their present maximum.
    if (!held || bid.maxAmount > held.maxAmount) maxima.set(bid.bidderId, bid);
  }
  const ranked = [...maxima.values()].sort((a, b) => b.maxAmount - a.maxAmount || a.seq - b.seq);
  const [leader, second] = ranked;
  if (!leader) return { ...openingStanding(terms), bidCount: 0 };
  return {
    leaderId: leader.bidderId,
    leaderMax: leader.maxAmount,
    ...(second && { secondMax: second.maxAmount }),
    currentPrice: priceOf(terms, leader.maxAmount, second?.maxAmount),
    bidCount: bids.filter((b) => b.bidderId !== without).length,
  };
}

export const reserveMet = (terms: AuctionTerms, s: Standing): boolean =>
  s.leaderMax !== undefined && (terms.reserveAmount === undefined || s.leaderMax >= terms.reserveAmount);

/** Soft close: a bid within `softCloseMs` of the end moves the end to `softCloseMs` after the bid. */
export function extendedEnd(endsAt: number, bidAt: number, softCloseMs: number): number {
  return endsAt - bidAt < softCloseMs ? Math.max(endsAt, bidAt + softCloseMs) : endsAt;
}

/** What the auction workflow starts with (the API starts `auction-<listingId>` when it lists one). */
export interface AuctionInput {
  listingId: string;
  sellerId: string;
  currency: Currency;
  title: string;
  terms: AuctionTerms;
  /** The planned end (RFC 3339); bids in the soft close move it, the auction row holds the latest. */
  endsAt: string;
  /** Escrow terms for the winner's order, as POST /v1/orders fixes them. */
  escrow: { feeBps: number; timers: EscrowTimers };
}

export interface AuctionOutcome {
  result: AuctionResult;
  orderId?: string;
  winnerId?: string;
  /** The price of the order (the second chance's own when it came to that). */
  amount?: number;
  /** 1 for the winner's order, 2 for the second chance. */
  attempt?: number;
}

/** The auction's order for attempt 1 (the winner) or 2 (the second chance): deterministic, one each. */
export const auctionOrderId = ({ listingId }: { listingId: string }, attempt: 1 | 2) =>
  `ord_${listingId}_${attempt}`;
export const auctionWorkflowId = ({ listingId }: { listingId: string }) => `auction-${listingId}`;

/** The bid a client sees: `status` and `currentPrice` as this bid left the auction. */
export interface BidView {
  id: string;
  listingId: string;
  bidderId: string;
  maxAmount: number;
  status: BidStatus;
  currentPrice: number;
  endsAt: string;
}
