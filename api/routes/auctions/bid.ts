/**
 * POST /v1/listings/:id/bids: a binding bid up to `maxAmount` (api/services/auctions/bid.ts): one
 * guarded write on the auction row under the proxy rule; the outbid bidder hears it over SSE.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { Amount, Id, IdempotencyHeader, PaymentMethod, problemResponse } from '../../schemas.js';
import { placeBid } from '../../services/auctions/bid.js';
import type { App } from '../../types.js';
import { Bid } from './shape.js';

const Body = z
  .object({
    maxAmount: Amount.openapi({ description: 'At least the auction’s minimumBid' }),
    paymentMethod: PaymentMethod,
  })
  .strict()
  .openapi({ example: { maxAmount: 12_000, paymentMethod: 'pm_card_ok' } });

const route = createRoute({
  method: 'post',
  path: '/v1/listings/{id}/bids',
  tags: ['auctions'],
  summary: 'Bid on an auction (binding: the winner’s card is charged at the end)',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    201: {
      description: 'The bid, leading or at once outbid by a higher maximum',
      content: { 'application/json': { schema: Bid } },
    },
    404: problemResponse('No such auction'),
    409: problemResponse('The auction has ended (`auction_closed`)'),
    422: problemResponse(
      'Below the minimum bid (`bid_too_low`, with `minimumBid`), or the seller’s own auction (`self_purchase`)',
    ),
  },
});

export function registerPlaceBid(app: App): void {
  app.openapi(route, async (c) => {
    const bid = await placeBid(c.var.deps, c.var.log, {
      ...c.req.valid('json'),
      listingId: c.req.valid('param').id,
      bidderId: c.var.user.id,
    });
    return c.json(bid, 201);
  });
}
