import { createRoute, z } from '@hono/zod-openapi';
import { listOffersFor } from '../../../db/queries/offers.js';
import { OFFER_STATUSES } from '../../../domain/offer.js';
import { Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursorAfter, pageOf } from '../../serializers.js';
import type { App } from '../../types.js';
import { Offer, offerJson } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/offers',
  tags: ['offers'],
  summary: 'My offers, made (buyer) or received (seller), newest first',
  request: {
    query: PageQuery.extend({
      role: z.enum(['buyer', 'seller']).optional(),
      status: z.enum(OFFER_STATUSES).optional(),
    }),
  },
  responses: {
    200: { description: 'A page of offers', content: { 'application/json': { schema: Page(Offer) } } },
    400: problemResponse('Invalid query'),
  },
});

export function registerListOffers(app: App): void {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const rows = await listOffersFor(c.var.deps.db, {
      userId: c.var.user.id,
      role: query.role,
      status: query.status,
      limit: query.limit + 1,
      before: cursorAfter(query.cursor),
    });
    return c.json(pageOf(rows, query.limit, offerJson), 200);
  });
}
