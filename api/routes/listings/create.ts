import { createRoute, z } from '@hono/zod-openapi';
import { newId } from '../../../db/new-id.js';
import { createListing } from '../../../db/queries/listings.js';
import { Amount, Currency, IdempotencyHeader, Listing, problemResponse } from '../../schemas.js';
import { listingJson } from '../../serializers.js';
import type { App } from '../../types.js';

export const CreateListingBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    amount: Amount,
    currency: Currency,
    quantity: z.number().int().min(1).max(100_000),
  })
  .strict()
  .openapi({ example: { title: 'Road bike, 54 cm', amount: 45_000, currency: 'EUR', quantity: 1 } });

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
  },
});

export function registerCreateListing(app: App): void {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const row = await createListing(c.var.deps.db, {
      id: newId('lst'),
      sellerId: c.var.user.id,
      title: body.title,
      amount: BigInt(body.amount),
      currency: body.currency,
      quantity: body.quantity,
      available: body.quantity,
    });
    return c.json(listingJson(row), 201);
  });
}
