/**
 * POST /v1/orders: places the order (api/services/orders/place.ts) — the row and its stock in one
 * transaction, then `order-<id>`. With `?wait=payment` it answers once the payment outcome is known
 * (201), bounded in time (else 202).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { Id, IdempotencyHeader, Order, PaymentMethod, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import { placeOrder } from '../../services/orders/place.js';
import { sealedBuyerAddress } from '../../services/privacy/sealed.js';
import type { App } from '../../types.js';

export const CreateOrderBody = z
  .object({
    listingId: Id,
    quantity: z.number().int().min(1).max(100),
    paymentMethod: PaymentMethod,
  })
  .strict()
  .openapi({ example: { listingId: 'lst_01hx3v9k2m', quantity: 1, paymentMethod: 'pm_card_ok' } });

const route = createRoute({
  method: 'post',
  path: '/v1/orders',
  tags: ['orders'],
  summary: 'Buy a listing',
  request: {
    headers: IdempotencyHeader,
    query: z.object({ wait: z.enum(['payment']).optional() }),
    body: { content: { 'application/json': { schema: CreateOrderBody } }, required: true },
  },
  responses: {
    201: {
      description: 'Payment outcome known (with wait=payment)',
      content: { 'application/json': { schema: Order } },
    },
    202: { description: 'Accepted: the purchase runs', content: { 'application/json': { schema: Order } } },
    404: problemResponse('No such listing'),
    409: problemResponse('Out of stock'),
    422: problemResponse('Own listing'),
    503: problemResponse('The purchase could not be started (the order is failed, not_started): retry'),
  },
});

export function registerCreateOrder(app: App): void {
  app.openapi(route, async (c) => {
    const clientIp = await sealedBuyerAddress(c);
    const placed = await placeOrder(
      c.var.deps,
      {
        ...c.req.valid('json'),
        buyerId: c.var.user.id,
        idempotencyKey: c.req.valid('header')['idempotency-key'],
        waitForPayment: c.req.valid('query').wait === 'payment',
        ...(clientIp && { clientIp }),
      },
      { log: c.var.log, onOrderId: (orderId) => c.set('orderId', orderId) },
    );
    return placed.outcome === 'known'
      ? c.json(orderJson(placed.order), 201)
      : c.json(orderJson(placed.order), 202);
  });
}
