import { createRoute } from '@hono/zod-openapi';
import { listListings } from '../../../db/queries/listings.js';
import { Id, Listing, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursorAfter, listingJson, pageOf } from '../../serializers.js';
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
    const before = cursorAfter(query.cursor);
    const rows = await listListings(c.var.deps.db, {
      sellerId: query.sellerId,
      limit: query.limit + 1,
      before,
    });
    return c.json(pageOf(rows, query.limit, listingJson), 200);
  });
}
