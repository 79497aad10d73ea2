import { createRoute, z } from '@hono/zod-openapi';
import { findOrder } from '../../../db/queries/orders.js';
import { shipUpdate } from '../../../workflows/escrow/messages.js';
import { Id, IdempotencyHeader, Order, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import type { App } from '../../types.js';
import { runEscrowUpdate, visibleOrder } from './escrow-update.js';

const Body = z
  .object({
    carrier: z.string().trim().min(1).max(64),
    trackingNumber: z
      .string()
      .trim()
      .min(3)
      .max(64)
      .regex(/^[A-Za-z0-9-]+$/),
  })
  .strict()
  .openapi({ example: { carrier: 'DHL', trackingNumber: 'JJD000390007' } });

const route = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/ship',
  tags: ['orders'],
  summary: 'Mark an order shipped (seller)',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    200: { description: 'Shipped', content: { 'application/json': { schema: Order } } },
    403: problemResponse('Not the seller'),
    404: problemResponse('No such order'),
    409: problemResponse('Not in a state that can ship'),
  },
});

export function registerShipOrder(app: App): void {
  app.openapi(route, async (c) => {
    const order = await visibleOrder(c, c.req.valid('param').id);
    await runEscrowUpdate(c, order, shipUpdate, c.req.valid('json'));
    return c.json(orderJson((await findOrder(c.var.deps.db, order.id))!), 200);
  });
}
