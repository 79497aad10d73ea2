/** GET /v1/ops/auctions: every auction, filtered by status, result, seller, winner, bidder, listing and age. */
import { createRoute, z } from '@hono/zod-openapi';
import { listAuctionsForOps } from '../../../db/queries/ops.js';
import { AUCTION_RESULTS, AUCTION_STATUSES } from '../../../domain/auction.js';
import { Id, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursorAfter, pageOf } from '../../serializers.js';
import type { App } from '../../types.js';
import { OpsAuction, opsAuctionJson } from './auction-shape.js';
import { Age, forbidden, OPS } from './shared.js';

const route = createRoute({
  method: 'get',
  path: `${OPS}/auctions`,
  tags: ['operators'],
  summary:
    'All auctions, filtered by status, result, seller, winner, bidder, listing and time since their last change',
  request: {
    query: PageQuery.extend({
      status: z.enum(AUCTION_STATUSES).optional(),
      result: z.enum(AUCTION_RESULTS).optional(),
      sellerId: z.string().max(128).optional(),
      buyerId: z.string().max(128).optional().openapi({ description: 'The winner (the buyer of the sale)' }),
      bidderId: z.string().max(128).optional().openapi({ description: 'Auctions this user bid on' }),
      listingId: Id.optional(),
      olderThan: Age.optional(),
    }),
  },
  responses: {
    200: {
      description: 'A page of auctions, newest first',
      content: { 'application/json': { schema: Page(OpsAuction) } },
    },
    400: problemResponse('Invalid query'),
    ...forbidden,
  },
});

export function registerOpsAuctions(app: App): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const rows = await listAuctionsForOps(c.var.deps.db, {
      status: q.status,
      result: q.result,
      sellerId: q.sellerId,
      buyerId: q.buyerId,
      bidderId: q.bidderId,
      listingId: q.listingId,
      unchangedSince: q.olderThan,
      limit: q.limit + 1,
      before: cursorAfter(q.cursor),
    });
    return c.json(pageOf(rows, q.limit, opsAuctionJson), 200);
  });
}
