import { createRoute, z } from '@hono/zod-openapi';
import { DEFAULT_BID_INCREMENT, LISTING_FORMATS } from '../../../domain/auction.js';
import { Amount, Currency, IdempotencyHeader, Listing, problemResponse } from '../../schemas.js';
import { listingJson } from '../../serializers.js';
import { createAnyListing } from '../../services/auctions/create.js';
import type { App } from '../../types.js';

const AuctionTermsBody = z
  .object({
    startAmount: Amount,
    reserveAmount: Amount.optional().openapi({ description: 'Not sold below it; at least the start amount' }),
    endsAt: z.iso
      .datetime({ offset: true })
      .openapi({ description: 'The planned end (RFC 3339), in the future' }),
    bidIncrement: Amount.optional().openapi({ description: `Default ${DEFAULT_BID_INCREMENT}` }),
  })
  .strict();

export const CreateListingBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    amount: Amount.optional().openapi({
      description: 'The unit price; required but for an auction, whose amount is its start amount',
    }),
    currency: Currency,
    quantity: z.number().int().min(1).max(100_000),
    acceptOffers: z.boolean().optional().openapi({ description: 'Buyers may make offers (default false)' }),
    autoAcceptAmount: Amount.optional().openapi({
      description: 'Unit price at or above which an offer is accepted at once; below `amount`',
    }),
    autoDeclineAmount: Amount.optional().openapi({
      description: 'Unit price below which an offer is declined at once; below `amount`',
    }),
    format: z.enum(LISTING_FORMATS).optional().openapi({ description: 'Default fixed_price' }),
    auction: AuctionTermsBody.optional().openapi({ description: 'With format auction (and only then)' }),
  })
  .strict()
  .openapi({
    example: {
      title: 'Road bike, 54 cm',
      amount: 45_000,
      currency: 'EUR',
      quantity: 1,
      acceptOffers: true,
      autoAcceptAmount: 42_000,
      autoDeclineAmount: 30_000,
    },
  });

const route = createRoute({
  method: 'post',
  path: '/v1/listings',
  tags: ['listings'],
  summary: 'Create a listing (the caller is the seller)',
  request: {
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: CreateListingBody } }, required: true },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: Listing } } },
    400: problemResponse(
      'Invalid body: no amount for a fixed price; an auction of more than one unit, taking offers, without its terms or ending in the past or past 30 days (`validation_failed`)',
    ),
    422: problemResponse(
      'Offer thresholds not below the price, decline above accept, or set without acceptOffers; an auction’s reserve below its start or an amount other than its start (`amount_out_of_range`)',
    ),
  },
});

export function registerCreateListing(app: App): void {
  app.openapi(route, async (c) => {
    const row = await createAnyListing(
      c.var.deps,
      c.var.user.id,
      c.req.valid('json'),
      c.req.valid('header')['idempotency-key'],
    );
    return c.json(listingJson(row), 201);
  });
}
