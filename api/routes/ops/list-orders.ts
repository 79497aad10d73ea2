/** GET /v1/ops/orders: every user's orders, filtered by status, party and time since their last change. */
import { createRoute, z } from '@hono/zod-openapi';
import { listOrdersForOps } from '../../../db/queries/ops.js';
import { ORDER_STATUSES } from '../../../domain/order.js';
import { Order, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursorAfter, orderJson, pageOf } from '../../serializers.js';
import type { App } from '../../types.js';
import { Age, forbidden, OPS } from './shared.js';

const route = createRoute({
  method: 'get',
  path: `${OPS}/orders`,
  tags: ['operators'],
  summary: 'All orders, filtered by status, seller, buyer and time since their last change',
  request: {
    query: PageQuery.extend({
      status: z.enum(ORDER_STATUSES).optional(),
      sellerId: z.string().max(128).optional(),
      buyerId: z.string().max(128).optional(),
      olderThan: Age.optional(),
    }),
  },
  responses: {
    200: { description: 'A page of orders', content: { 'application/json': { schema: Page(Order) } } },
    400: problemResponse('Invalid query'),
    ...forbidden,
  },
});

export function registerOpsOrders(app: App): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const rows = await listOrdersForOps(c.var.deps.db, {
      status: q.status,
      sellerId: q.sellerId,
      buyerId: q.buyerId,
      unchangedSince: q.olderThan,
      limit: q.limit + 1,
      before: cursorAfter(q.cursor),
    });
    return c.json(pageOf(rows, q.limit, orderJson), 200);
  });
}
