/**
 * POST /v1/listings/:id/offers: a buyer's offer (api/services/offers/make.ts). Answers once the hold on
 * the buyer's card is known (bounded in time): live (`pending`), `failed` (payment_declined), or
 * settled at once by the listing's thresholds (`accepted` with its order, `declined`).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { Amount, Id, IdempotencyHeader, PaymentMethod, problemResponse } from '../../schemas.js';
import { makeOffer } from '../../services/offers/make.js';
import { sealedBuyerAddress } from '../../services/privacy/sealed.js';
import type { App } from '../../types.js';
import { Offer, offerJson } from './shape.js';

const Body = z
  .object({
    amount: Amount.openapi({ description: 'For the whole quantity, below the listing’s price for it' }),
    quantity: z.number().int().min(1).max(100).optional().openapi({ description: 'Default 1' }),
    paymentMethod: PaymentMethod,
  })
  .strict()
  .openapi({ example: { amount: 38_000, paymentMethod: 'pm_card_ok' } });

const route = createRoute({
  method: 'post',
  path: '/v1/listings/{id}/offers',
  tags: ['offers'],
  summary: 'Make an offer on a listing (the buyer’s card is held for the amount)',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    201: {
      description:
        'The offer, once its hold is known: pending, failed (card declined), or accepted/declined by the listing’s thresholds',
      content: { 'application/json': { schema: Offer } },
    },
    404: problemResponse('No such listing'),
    409: problemResponse(
      'Out of stock (`out_of_stock`), the per-buyer limit reached (`offer_limit_reached`), or the listing takes no offers (`invalid_state`)',
    ),
    422: problemResponse(
      'Own listing (`self_purchase`) or an amount not below the price (`amount_out_of_range`)',
    ),
    503: problemResponse(
      'The offer could not be started (nothing is held): retry with the same Idempotency-Key',
    ),
  },
});

export function registerCreateOffer(app: App): void {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const clientIp = await sealedBuyerAddress(c);
    const row = await makeOffer(c.var.deps, {
      ...body,
      quantity: body.quantity ?? 1,
      listingId: c.req.valid('param').id,
      buyerId: c.var.user.id,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      ...(clientIp && { clientIp }),
    });
    return c.json(offerJson(row), 201);
  });
}
