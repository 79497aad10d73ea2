import { createRoute } from '@hono/zod-openapi';
import { listListings } from '../../../db/queries/listings.js';
import { DomainError } from '../../../domain/errors.js';
import { Id, Listing, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursor, listingJson } from '../../serializers.js';
import type { App } from '../../types.js';

const route = createRoute({
  method: 'get',
  path: '/v1/listings',
  tags: ['listings'],
  summary: 'List listings, newest first',
  request: { query: PageQuery.extend({ sellerId: Id.optional() }) },
  responses: {
    200: { description: 'A page of listings', content: { 'application/json': { schema: Page(Listing) } } },
    400: problemResponse('Invalid query'),
  },
});

export function registerListListings(app: App): void {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const before = cursor.decode(query.cursor);
    if (before === 'invalid') throw new DomainError('validation_failed', 'invalid cursor');
    const rows = await listListings(c.var.deps.db, {
      sellerId: query.sellerId,
      limit: query.limit + 1,
      before,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return c.json(
      {
        data: page.map(listingJson),
        nextCursor: rows.length > query.limit && last ? cursor.encode(last) : null,
      },
      200,
    );
  });
}
