/** An auction as operators see it: its terms, standing and outcome whoever asks (no caller-relative fields). */
import { z } from '@hono/zod-openapi';
import { type AuctionRow, standingOfRow, termsOf } from '../../../db/queries/auctions.js';
import {
  AUCTION_RESULTS,
  AUCTION_STATUSES,
  type AuctionResult,
  type AuctionStatus,
  auctionWorkflowId,
  reserveMet,
} from '../../../domain/auction.js';
import type { Currency as CurrencyCode } from '../../../domain/money.js';
import { Currency } from '../../schemas.js';

export const OpsAuction = z
  .object({
    listingId: z.string(),
    sellerId: z.string(),
    status: z.enum(AUCTION_STATUSES),
    result: z.enum(AUCTION_RESULTS).optional().openapi({ description: 'Once the sale is settled' }),
    currency: Currency,
    startAmount: z.number().int(),
    reserveAmount: z.number().int().optional(),
    bidIncrement: z.number().int(),
    currentPrice: z.number().int(),
    bidCount: z.number().int(),
    reserveMet: z.boolean(),
    leaderId: z.string().optional().openapi({ description: 'The bidder holding the highest maximum' }),
    endsAt: z.string().openapi({ description: 'The end, as bids in the soft close left it' }),
    orderId: z
      .string()
      .optional()
      .openapi({ description: 'The sale’s order (the second chance’s if it came to that)' }),
    winnerId: z.string().optional(),
    links: z.object({ self: z.string(), workflow: z.string(), timeline: z.string().optional() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('OpsAuction');

export function opsAuctionJson(row: AuctionRow): z.infer<typeof OpsAuction> {
  const standing = standingOfRow(row);
  return {
    listingId: row.listingId,
    sellerId: row.sellerId,
    status: row.status as AuctionStatus,
    ...(row.result !== null && { result: row.result as AuctionResult }),
    currency: row.currency as CurrencyCode,
    startAmount: Number(row.startAmount),
    ...(row.reserveAmount !== null && { reserveAmount: Number(row.reserveAmount) }),
    bidIncrement: Number(row.bidIncrement),
    currentPrice: standing.currentPrice,
    bidCount: standing.bidCount,
    reserveMet: reserveMet(termsOf(row), standing),
    ...(row.leaderId !== null && { leaderId: row.leaderId }),
    endsAt: row.endsAt.toISOString(),
    ...(row.orderId !== null && { orderId: row.orderId }),
    ...(row.winnerId !== null && { winnerId: row.winnerId }),
    links: {
      self: `/v1/listings/${row.listingId}/auction`,
      workflow: auctionWorkflowId(row),
      ...(row.orderId !== null && { timeline: `/v1/ops/orders/${row.orderId}/timeline` }),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
