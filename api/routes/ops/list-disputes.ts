/** GET /v1/ops/disputes: every dispute with its parties, filtered by status, party and age. */
import { createRoute, z } from '@hono/zod-openapi';
import { DISPUTE_STATUSES } from '../../../domain/dispute.js';
import { problemResponse } from '../../schemas.js';
import { disputesWithOrders } from '../../services/disputes/with-orders.js';
import type { App } from '../../types.js';
import { Dispute, disputeJson } from '../disputes/shared.js';
import { Age, forbidden, OPS } from './shared.js';

const route = createRoute({
  method: 'get',
  path: `${OPS}/disputes`,
  tags: ['operators'],
  summary: 'All disputes, filtered by status, seller, buyer and age',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      status: z.enum(DISPUTE_STATUSES).optional(),
      sellerId: z.string().max(128).optional(),
      buyerId: z.string().max(128).optional(),
      olderThan: Age.optional(),
    }),
  },
  responses: {
    200: {
      description: 'Disputes, newest first',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(Dispute.extend({ buyerId: z.string(), sellerId: z.string() })) }),
        },
      },
    },
    400: problemResponse('Invalid query'),
    ...forbidden,
  },
});

export function registerOpsDisputes(app: App): void {
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const { db } = c.var.deps;
    const rows = await disputesWithOrders(db, {
      status: q.status,
      sellerId: q.sellerId,
      buyerId: q.buyerId,
      openedBefore: q.olderThan,
      limit: q.limit,
    });
    const data = [];
    for (const { dispute, order } of rows)
      data.push({
        ...(await disputeJson(db, dispute, order)),
        buyerId: order.buyerId,
        sellerId: order.sellerId,
      });
    return c.json({ data }, 200);
  });
}
