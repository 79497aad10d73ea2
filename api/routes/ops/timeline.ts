/** GET /v1/ops/orders/{id}/timeline: an order's events, workflows and operator actions. */
import { createRoute, z } from '@hono/zod-openapi';
import { AUCTION_RESULTS, AUCTION_STATUSES } from '../../../domain/auction.js';
import { OFFER_STATUSES } from '../../../domain/offer.js';
import { ORDER_STATUSES } from '../../../domain/order.js';
import { Currency, Id, problemResponse } from '../../schemas.js';
import { orderTimeline } from '../../services/ops/timeline.js';
import type { App } from '../../types.js';
import { forbidden, OPS } from './shared.js';

/** One step before the order: an offer's move, or an auction's listing, end and orders. */
const OriginEvent = z.object({
  type: z.string().openapi({
    description:
      'offer.made|countered|accepted|declined|withdrawn|expired, or auction.listed|ended|winner_order|second_chance',
  }),
  at: z.string(),
  by: z.enum(['buyer', 'seller', 'system']).optional().openapi({ description: 'Who moved (offers)' }),
  amount: z.number().int().optional(),
  bidCount: z.number().int().optional(),
  orderId: z.string().optional(),
  buyerId: z.string().optional(),
  status: z.enum(ORDER_STATUSES).optional().openapi({ description: 'The auction order’s status now' }),
});

const OfferOrigin = z.object({
  kind: z.literal('offer'),
  offerId: z.string(),
  workflowId: z.string(),
  status: z.enum(OFFER_STATUSES),
  amount: z.number().int().openapi({ description: 'The agreed amount, for the quantity' }),
  currency: Currency,
  quantity: z.number().int(),
  events: z.array(OriginEvent),
});

const AuctionOrigin = z.object({
  kind: z.literal('auction'),
  listingId: z.string(),
  workflowId: z.string(),
  status: z.enum(AUCTION_STATUSES),
  result: z.enum(AUCTION_RESULTS).optional(),
  currency: Currency,
  startAmount: z.number().int(),
  reserveAmount: z.number().int().optional(),
  bidCount: z.number().int(),
  finalPrice: z.number().int().openapi({ description: 'The proxy price when the auction ended' }),
  endsAt: z.string(),
  winnerId: z.string().optional(),
  orders: z.array(
    z.object({
      attempt: z
        .union([z.literal(1), z.literal(2)])
        .openapi({ description: '1: the winner, 2: the second chance' }),
      orderId: z.string(),
      buyerId: z.string(),
      amount: z.number().int(),
      status: z.enum(ORDER_STATUSES),
      at: z.string(),
    }),
  ),
  events: z.array(OriginEvent),
});

const Timeline = z
  .object({
    origin: z
      .discriminatedUnion('kind', [OfferOrigin, AuctionOrigin])
      .optional()
      .openapi({ description: 'The offer or auction the order was born from, before its own events' }),
  })
  .passthrough()
  .openapi('Timeline');

const route = createRoute({
  method: 'get',
  path: `${OPS}/orders/{id}/timeline`,
  tags: ['operators'],
  summary: 'An order’s full story: its events, its workflows (status, current details) and operator actions',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: {
      description: 'The timeline',
      content: { 'application/json': { schema: Timeline } },
    },
    404: problemResponse('No such order'),
    ...forbidden,
  },
});

export function registerOrderTimeline(app: App): void {
  app.openapi(route, async (c) => c.json(await orderTimeline(c.var.deps, c.req.valid('param').id), 200));
}
