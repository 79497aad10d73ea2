import { createRoute, z } from '@hono/zod-openapi';
import { listOrdersFor } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import { Order, Page, PageQuery, problemResponse } from '../../schemas.js';
import { cursor, orderJson } from '../../serializers.js';
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
    const before = cursor.decode(query.cursor);
    if (before === 'invalid') throw new DomainError('validation_failed', 'invalid cursor');
    const rows = await listOrdersFor(c.var.deps.db, {
      userId: c.var.user.id,
      role: query.role,
      limit: query.limit + 1,
      before,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return c.json(
      {
        data: page.map(orderJson),
        nextCursor: rows.length > query.limit && last ? cursor.encode(last) : null,
      },
      200,
    );
  });
}
