import { createRoute, z } from '@hono/zod-openapi';
import { findOrder } from '../../../db/queries/orders.js';
import { confirmDeliveryUpdate } from '../../../workflows/escrow/messages.js';
import { Id, IdempotencyHeader, Order, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import type { App } from '../../types.js';
import { runEscrowUpdate, visibleOrder } from './escrow-update.js';

const route = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/confirm-delivery',
  tags: ['orders'],
  summary: 'Confirm delivery (buyer); starts the dispute window',
  request: { params: z.object({ id: Id }), headers: IdempotencyHeader },
  responses: {
    200: { description: 'Delivered', content: { 'application/json': { schema: Order } } },
    403: problemResponse('Not the buyer'),
    404: problemResponse('No such order'),
    409: problemResponse('Not shipped'),
  },
});

export function registerConfirmDelivery(app: App): void {
  app.openapi(route, async (c) => {
    const order = await visibleOrder(c, c.req.valid('param').id);
    await runEscrowUpdate(c, order, confirmDeliveryUpdate, {});
    return c.json(orderJson((await findOrder(c.var.deps.db, order.id))!), 200);
  });
}
