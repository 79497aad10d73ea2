/** The parties' and the operator's moves in a dispute, each a validated update on its workflow. */
import { createRoute, z } from '@hono/zod-openapi';
import { DISPUTE_OUTCOMES } from '../../../domain/dispute.js';
import { DomainError } from '../../../domain/errors.js';
import {
  acceptDisputeUpdate,
  addEvidenceUpdate,
  resolveDisputeUpdate,
} from '../../../workflows/dispute/messages.js';
import { Id, IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { Dispute, freshDispute, runDisputeUpdate, visibleDispute } from './shared.js';

const EvidenceBody = z
  .object({
    text: z.string().trim().min(1).max(10_000),
    links: z
      .array(
        z
          .string()
          .url()
          .max(2000)
          .regex(/^https?:\/\//, 'http(s) links only'),
      )
      .max(10)
      .optional(),
  })
  .strict();

const ResolveBody = z
  .object({
    outcome: z.enum(DISPUTE_OUTCOMES),
    refundAmount: z.number().int().positive().optional(),
    restock: z.boolean().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

const responses = (ok: string) => ({
  200: { description: ok, content: { 'application/json': { schema: Dispute } } },
  400: problemResponse('Invalid body'),
  403: problemResponse('Not allowed for you'),
  404: problemResponse('No such dispute visible to you'),
  409: problemResponse('Not possible in the dispute’s current state'),
});

const evidenceRoute = createRoute({
  method: 'post',
  path: '/v1/disputes/{id}/evidence',
  tags: ['disputes'],
  summary: 'Add evidence (buyer or seller); the seller’s first evidence contests the dispute',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: EvidenceBody } }, required: true },
  },
  responses: responses('Evidence added'),
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/v1/disputes/{id}/accept',
  tags: ['disputes'],
  summary: 'Accept the dispute (seller): the buyer is refunded in full',
  request: { params: z.object({ id: Id }), headers: IdempotencyHeader },
  responses: responses('Resolved for the buyer'),
});

const resolveRoute = createRoute({
  method: 'post',
  path: '/v1/disputes/{id}/resolve',
  tags: ['disputes', 'operators'],
  summary: 'Resolve a dispute (operator): refund, release, or split with a partial refund',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: ResolveBody } }, required: true },
  },
  responses: responses('Resolved'),
});

export function registerDisputeActions(app: App): void {
  app.openapi(evidenceRoute, async (c) => {
    const { row } = await visibleDispute(c, c.req.valid('param').id);
    await runDisputeUpdate(c, row, addEvidenceUpdate, { userId: c.var.user.id, ...c.req.valid('json') });
    return c.json(await freshDispute(c, row.id), 200);
  });

  app.openapi(acceptRoute, async (c) => {
    const { row } = await visibleDispute(c, c.req.valid('param').id);
    await runDisputeUpdate(c, row, acceptDisputeUpdate, { userId: c.var.user.id });
    return c.json(await freshDispute(c, row.id), 200);
  });

  app.openapi(resolveRoute, async (c) => {
    if (c.var.user.role !== 'operator') throw new DomainError('forbidden', 'only operators resolve disputes');
    const { row } = await visibleDispute(c, c.req.valid('param').id);
    await runDisputeUpdate(c, row, resolveDisputeUpdate, {
      operatorId: c.var.user.id,
      ...c.req.valid('json'),
    });
    return c.json(await freshDispute(c, row.id), 200);
  });
}
