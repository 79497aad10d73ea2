import { createRoute, z } from '@hono/zod-openapi';
import { listOrdersFor } from '../../../db/queries/orders.js';
import { Order, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursorAfter, orderJson, pageOf } from '../../serializers.js';
import type { App } from '../../types.js';

const route = createRoute({
  method: 'get',
  path: '/v1/orders',
  tags: ['orders'],
  summary: 'My orders, as buyer, seller or both',
  request: { query: PageQuery.extend({ role: z.enum(['buyer', 'seller']).optional() }) },
  responses: {
    200: { description: 'A page of orders', content: { 'application/json': { schema: Page(Order) } } },
    400: problemResponse('Invalid query'),
  },
});

export function registerListOrders(app: App): void {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const before = cursorAfter(query.cursor);
    const rows = await listOrdersFor(c.var.deps.db, {
      userId: c.var.user.id,
      role: query.role,
      limit: query.limit + 1,
      before,
    });
    return c.json(pageOf(rows, query.limit, orderJson), 200);
  });
}
