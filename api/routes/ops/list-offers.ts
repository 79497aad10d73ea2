/** GET /v1/ops/offers: every user's offers, filtered by status, party, listing and time since their last move. */
import { createRoute, z } from '@hono/zod-openapi';
import { listOffersForOps } from '../../../db/queries/ops.js';
import { OFFER_STATUSES } from '../../../domain/offer.js';
import { Id, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursorAfter, pageOf } from '../../serializers.js';
import type { App } from '../../types.js';
import { Offer, offerJson } from '../offers/shape.js';
import { Age, forbidden, OPS } from './shared.js';

const route = createRoute({
  method: 'get',
  path: `${OPS}/offers`,
  tags: ['operators'],
  summary: 'All offers, filtered by status, seller, buyer, listing and time since their last change',
  request: {
    query: PageQuery.extend({
      status: z.enum(OFFER_STATUSES).optional(),
      sellerId: z.string().max(128).optional(),
      buyerId: z.string().max(128).optional(),
      listingId: Id.optional(),
      olderThan: Age.optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of offers, newest first',
      content: { 'application/json': { schema: Page(Offer) } },
    },
    400: problemResponse('Invalid query'),
    ...forbidden,
  },
});

export function registerOpsOffers(app: App): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const rows = await listOffersForOps(c.var.deps.db, {
      status: q.status,
      sellerId: q.sellerId,
      buyerId: q.buyerId,
      listingId: q.listingId,
      unchangedSince: q.olderThan,
      limit: q.limit + 1,
      before: cursorAfter(q.cursor),
    });
    return c.json(pageOf(rows, q.limit, offerJson), 200);
  });
}
