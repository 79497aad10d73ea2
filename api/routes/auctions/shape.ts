import { z } from '@hono/zod-openapi';
import { AUCTION_RESULTS, AUCTION_STATUSES, BID_STATUSES } from '../../../domain/auction.js';
import { Currency } from '../../schemas.js';

export const Bid = z
  .object({
    id: z.string(),
    listingId: z.string(),
    bidderId: z.string(),
    maxAmount: z
      .number()
      .int()
      .openapi({ description: 'The most the bidder will pay; the proxy bids up to it' }),
    status: z.enum(BID_STATUSES).openapi({ description: 'As this bid left the auction' }),
    currentPrice: z.number().int().openapi({ description: 'The price after this bid' }),
    endsAt: z.string().openapi({ description: 'The end after this bid (a bid in the soft close moves it)' }),
  })
  .openapi('Bid');

export const Auction = z
  .object({
    listingId: z.string(),
    status: z.enum(AUCTION_STATUSES),
    currentPrice: z.number().int(),
    currency: Currency,
    minimumBid: z.number().int().openapi({ description: 'The lowest maximum the caller may bid now' }),
    bidCount: z.number().int(),
    leading: z.boolean().openapi({ description: 'The caller holds the highest maximum' }),
    reserveMet: z.boolean(),
    endsAt: z.string(),
    outcome: z
      .object({
        result: z.enum(AUCTION_RESULTS),
        orderId: z.string().optional().openapi({ description: 'To the winner and the seller' }),
        winnerId: z.string().optional().openapi({ description: 'To the winner and the seller' }),
      })
      .optional()
      .openapi({ description: 'Once the auction has settled: sold, unsold, or payment_failed' }),
  })
  .openapi('Auction');
