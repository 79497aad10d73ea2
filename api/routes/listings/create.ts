import { createRoute, z } from '@hono/zod-openapi';
import { Amount, Currency, IdempotencyHeader, Listing, problemResponse } from '../../schemas.js';
import { listingJson } from '../../serializers.js';
import { createListingFor } from '../../services/listings/create.js';
import type { App } from '../../types.js';

export const CreateListingBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    amount: Amount,
    currency: Currency,
    quantity: z.number().int().min(1).max(100_000),
    acceptOffers: z.boolean().optional().openapi({ description: 'Buyers may make offers (default false)' }),
    autoAcceptAmount: Amount.optional().openapi({
      description: 'Unit price at or above which an offer is accepted at once; below `amount`',
    }),
    autoDeclineAmount: Amount.optional().openapi({
      description: 'Unit price below which an offer is declined at once; below `amount`',
    }),
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
    400: problemResponse('Invalid body'),
    422: problemResponse(
      'Offer thresholds not below the price, decline above accept, or set without acceptOffers (`amount_out_of_range`)',
    ),
  },
});

export function registerCreateListing(app: App): void {
  app.openapi(route, async (c) => {
    const row = await createListingFor(c.var.deps, c.var.user.id, c.req.valid('json'));
    return c.json(listingJson(row), 201);
  });
}
