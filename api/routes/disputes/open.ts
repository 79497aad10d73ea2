import { createRoute, z } from '@hono/zod-openapi';
import { findDispute } from '../../../db/queries/disputes.js';
import { BUYER_DISPUTE_REASONS, disputeIdFor } from '../../../domain/dispute.js';
import { DomainError } from '../../../domain/errors.js';
import { openDisputeUpdate } from '../../../workflows/escrow/messages.js';
import { Id, IdempotencyHeader, problemResponse } from '../../schemas.js';
import { sealedText } from '../../services/privacy/sealed.js';
import type { App } from '../../types.js';
import { runEscrowUpdate, visibleOrder } from '../orders/escrow-update.js';
import { Dispute, disputeJson } from './shared.js';

const Body = z
  .object({
    reason: z.enum(BUYER_DISPUTE_REASONS),
    description: z.string().trim().min(1).max(2000),
  })
  .strict()
  .openapi({
    example: { reason: 'not_as_described', description: 'The frame is cracked at the seat tube.' },
  });

const route = createRoute({
  method: 'post',
  path: '/v1/orders/{id}/disputes',
  tags: ['disputes'],
  summary: 'Open a dispute (buyer, after shipment until the dispute window closes); escrow release pauses',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    201: { description: 'The dispute', content: { 'application/json': { schema: Dispute } } },
    403: problemResponse('Not the buyer'),
    404: problemResponse('No such order'),
    409: problemResponse('Not disputable in its current state'),
  },
});

export function registerOpenDispute(app: App): void {
  app.openapi(route, async (c) => {
    const order = await visibleOrder(c, c.req.valid('param').id);
    const { reason, description } = c.req.valid('json');
    await runEscrowUpdate(c, order, openDisputeUpdate, {
      reason,
      description: await sealedText(c, description),
    });
    const row = await findDispute(c.var.deps.db, disputeIdFor(order.id));
    if (!row) throw new DomainError('internal_error', 'dispute opened but not recorded');
    return c.json(await disputeJson(c.var.deps.db, row, order), 201);
  });
}
