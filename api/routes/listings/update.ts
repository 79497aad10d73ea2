import { createRoute, z } from '@hono/zod-openapi';
import { updateListing } from '../../../db/queries/listings.js';
import { DomainError } from '../../../domain/errors.js';
import {
  Amount,
  Id,
  IdempotencyHeader,
  IfMatch,
  Listing,
  problemResponse,
  versionOf,
} from '../../schemas.js';
import { listingJson } from '../../serializers.js';
import type { App } from '../../types.js';

const Body = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    amount: Amount.optional(),
    quantity: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update');

const route = createRoute({
  method: 'patch',
  path: '/v1/listings/{id}',
  tags: ['listings'],
  summary: 'Update a listing with optimistic concurrency (If-Match: <version>)',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader.extend({ 'if-match': IfMatch }),
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: Listing } } },
    400: problemResponse('Invalid body or If-Match'),
    404: problemResponse('No such listing of yours'),
    409: problemResponse('Quantity below what is sold or reserved, or an auction listing (`invalid_state`)'),
    412: problemResponse('Stale version'),
    422: problemResponse('A price at or below the listing’s offer thresholds (`amount_out_of_range`)'),
    415: problemResponse('The body is not application/json'),
  },
});

export function registerUpdateListing(app: App): void {
  app.openapi(route, async (c) => {
    const patch = c.req.valid('json');
    const expectedVersion = versionOf(c.req.valid('header')['if-match']);
    const result = await updateListing(c.var.deps.db, {
      id: c.req.valid('param').id,
      sellerId: c.var.user.id,
      expectedVersion,
      patch: { ...patch, amount: patch.amount === undefined ? undefined : BigInt(patch.amount) },
    });
    if (result === 'not_found') throw new DomainError('not_found', 'listing not found');
    if (result === 'version_mismatch')
      throw new DomainError(
        'precondition_failed',
        'the listing changed: read it again and retry with its version',
      );
    if (result === 'auction') throw new DomainError('invalid_state', 'an auction listing is not edited');
    if (result === 'quantity_below_reserved')
      throw new DomainError('invalid_state', 'quantity is below what is already sold or reserved');
    if (result === 'price_below_offer_thresholds')
      throw new DomainError('amount_out_of_range', 'the price must stay above the offer thresholds');
    c.header('ETag', `"${result.version}"`);
    return c.json(listingJson(result), 200);
  });
}
