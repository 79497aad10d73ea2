/** GET /v1/listings/:id/auction: the auction as the caller sees it (leading, their minimum bid). */
import { createRoute, z } from '@hono/zod-openapi';
import { Id, problemResponse } from '../../schemas.js';
import { auctionView } from '../../services/auctions/view.js';
import type { App } from '../../types.js';
import { Auction } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/listings/{id}/auction',
  tags: ['auctions'],
  summary: 'Read an auction: price, minimum bid, whether the caller leads, the end and the outcome',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The auction', content: { 'application/json': { schema: Auction } } },
    404: problemResponse('No such auction'),
  },
});

export function registerGetAuction(app: App): void {
  app.openapi(route, async (c) =>
    c.json(await auctionView(c.var.deps, c.req.valid('param').id, c.var.user.id), 200),
  );
}
