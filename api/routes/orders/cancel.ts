import { createRoute, z } from '@hono/zod-openapi';
import { findOrder } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import { ESCROW_UPDATES } from '../../../domain/escrow.js';
import { purchaseWorkflowId } from '../../../domain/ids.js';
import { Id, IdempotencyHeader, Order, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import type { App } from '../../types.js';
import { runEscrowUpdate, visibleOrder } from './escrow-update.js';

const route = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/cancel',
  tags: ['orders'],
  summary: 'Cancel before shipment (buyer or seller): full refund and restock',
  request: { params: z.object({ id: Id }), headers: IdempotencyHeader },
  responses: {
    200: { description: 'Cancelled', content: { 'application/json': { schema: Order } } },
    202: {
      description: 'Payment still in progress: the purchase is being cancelled',
      content: { 'application/json': { schema: Order } },
    },
    403: problemResponse('Not a party of the order'),
    404: problemResponse('No such order'),
    409: problemResponse('Already shipped or final'),
  },
});

export function registerCancelOrder(app: App): void {
  app.openapi(route, async (c) => {
    const order = await visibleOrder(c, c.req.valid('param').id);
    const user = c.var.user;
    if (order.buyerId !== user.id && order.sellerId !== user.id)
      throw new DomainError('forbidden', 'only the buyer or the seller may cancel');
    if (['pending', 'reserved', 'authorized'].includes(order.status)) {
      // Still paying: cancelling the purchase runs its compensations (void, release) and fails the order.
      await c.var.deps.temporal.workflow.getHandle(purchaseWorkflowId({ orderId: order.id })).cancel();
      return c.json(orderJson(order), 202);
    }
    await runEscrowUpdate(c, order, ESCROW_UPDATES.cancel, {});
    return c.json(orderJson((await findOrder(c.var.deps.db, order.id))!), 200);
  });
}
