import { createRoute, z } from '@hono/zod-openapi';
import { findListing } from '../../../db/queries/listings.js';
import { DomainError } from '../../../domain/errors.js';
import { Id, Listing, problemResponse } from '../../schemas.js';
import { listingJson } from '../../serializers.js';
import type { App } from '../../types.js';

const route = createRoute({
  method: 'get',
  path: '/v1/listings/{id}',
  tags: ['listings'],
  summary: 'Read a listing',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The listing', content: { 'application/json': { schema: Listing } } },
    404: problemResponse('No such listing'),
  },
});

export function registerGetListing(app: App): void {
  app.openapi(route, async (c) => {
    const row = await findListing(c.var.deps.db, c.req.valid('param').id);
    if (!row) throw new DomainError('not_found', 'listing not found');
    return c.json(listingJson(row), 200);
  });
}
