import { createRoute, z } from '@hono/zod-openapi';
import { findOrder, type OrderRow } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import { Id, Order, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import type { App, AuthUser } from '../../types.js';

const route = createRoute({
  method: 'get',
  path: '/v1/orders/{id}',
  tags: ['orders'],
  summary: 'Read an order (its buyer, its seller or an operator)',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The order', content: { 'application/json': { schema: Order } } },
    404: problemResponse('No such order visible to you'),
  },
});

/** Orders are visible only to their parties and operators; others get 404 so ids leak nothing. */
export function canSee(user: AuthUser, order: OrderRow): boolean {
  return user.role === 'operator' || order.buyerId === user.id || order.sellerId === user.id;
}

export function registerGetOrder(app: App): void {
  app.openapi(route, async (c) => {
    const order = await findOrder(c.var.deps.db, c.req.valid('param').id);
    if (!order || !canSee(c.var.user, order)) throw new DomainError('not_found', 'order not found');
    return c.json(orderJson(order), 200);
  });
}
