/**
 * A bid (POST /v1/listings/:id/bids): the guarded write of db/queries/auctions.ts at the API's clock
 * (AUCTION_SOFT_CLOSE_MS for the soft close), mapped to the contract's refusals; a bid that moved the
 * end is signalled to the auction's workflow after the commit.
 */
import type { Logger } from 'pino';
import { placeBidRow } from '../../../db/queries/auctions.js';
import type { BidStatus, BidView } from '../../../domain/auction.js';
import { DomainError } from '../../../domain/errors.js';
import type { ApiDeps } from '../../types.js';
import { signalExtension } from './start.js';

export interface PlaceBid {
  listingId: string;
  bidderId: string;
  maxAmount: number;
  paymentMethod: string;
}

export async function placeBid(deps: ApiDeps, log: Logger, req: PlaceBid): Promise<BidView> {
  const placed = await placeBidRow(deps.db, {
    ...req,
    at: new Date(),
    softCloseMs: deps.env.AUCTION_SOFT_CLOSE_MS,
  });
  switch (placed.outcome) {
    case 'not_found':
      throw new DomainError('not_found', 'auction not found');
    case 'self_bid':
      throw new DomainError('self_purchase', 'you cannot bid on your own auction');
    case 'closed':
      throw new DomainError('auction_closed', 'the auction has ended', {
        endsAt: placed.auction.endsAt.toISOString(),
      });
    case 'bid_too_low':
      throw new DomainError('bid_too_low', `the minimum bid is ${placed.minimumBid}`, {
        minimumBid: placed.minimumBid,
      });
  }
  const { bid, auction, extended } = placed;
  if (extended) await signalExtension(deps, log, req.listingId, auction.endsAt);
  return {
    id: bid.id,
    listingId: bid.listingId,
    bidderId: bid.bidderId,
    maxAmount: Number(bid.maxAmount),
    status: bid.status as BidStatus,
    currentPrice: Number(bid.currentPrice),
    endsAt: auction.endsAt.toISOString(),
  };
}
