/** The auction as one caller sees it: their minimum bid, whether they lead; the winner to the parties only. */
import { findAuction, standingOfRow, termsOf } from '../../../db/queries/auctions.js';
import { type AuctionResult, type AuctionStatus, minimumBid, reserveMet } from '../../../domain/auction.js';
import { DomainError } from '../../../domain/errors.js';
import type { Currency } from '../../../domain/money.js';
import type { ApiDeps } from '../../types.js';

export async function auctionView(deps: ApiDeps, listingId: string, userId: string) {
  const row = await findAuction(deps.db, listingId);
  if (!row) throw new DomainError('not_found', 'auction not found');
  const terms = termsOf(row);
  const standing = standingOfRow(row);
  const party = userId === row.sellerId || (row.winnerId !== null && userId === row.winnerId);
  return {
    listingId,
    status: row.status as AuctionStatus,
    currentPrice: standing.currentPrice,
    currency: row.currency as Currency,
    minimumBid: minimumBid(terms, standing, userId),
    bidCount: standing.bidCount,
    leading: standing.leaderId === userId,
    reserveMet: reserveMet(terms, standing),
    endsAt: row.endsAt.toISOString(),
    ...(row.result !== null && {
      outcome: {
        result: row.result as AuctionResult,
        ...(party && row.orderId !== null && { orderId: row.orderId }),
        ...(party && row.winnerId !== null && { winnerId: row.winnerId }),
      },
    }),
  };
}
