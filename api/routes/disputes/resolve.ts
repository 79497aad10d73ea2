/** POST /v1/disputes/{id}/resolve: an operator resolves a dispute with a refund, a release or a split. */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { DISPUTE_OUTCOMES } from '../../../domain/dispute.js';
import { DomainError } from '../../../domain/errors.js';
import { resolveDisputeUpdate } from '../../../workflows/dispute/messages.js';
import { withStepUp } from '../../middleware/step-up.js';
import { Id, IdempotencyHeader } from '../../schemas.js';
import type { App, AppEnv } from '../../types.js';
import { actionResponses, actOnDispute } from './shared.js';

const ResolveBody = z
  .object({
    outcome: z.enum(DISPUTE_OUTCOMES),
    refundAmount: z.number().int().positive().optional(),
    restock: z.boolean().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

/** Only operators resolve: a party is refused (403) before any step-up is asked of them. */
const onlyOperators: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user.role !== 'operator') throw new DomainError('forbidden', 'only operators resolve disputes');
  await next();
};

const route = createRoute({
  middleware: [onlyOperators],
  method: 'post',
  path: '/v1/disputes/{id}/resolve',
  tags: ['disputes', 'operators'],
  summary: 'Resolve a dispute (operator): refund, release, or split with a partial refund',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: ResolveBody } }, required: true },
  },
  responses: actionResponses('Resolved'),
});

export function registerResolveDispute(app: App): void {
  app.openapi(withStepUp(route), async (c) => {
    const arg = { operatorId: c.var.user.id, ...c.req.valid('json') };
    return c.json(await actOnDispute(c, c.req.valid('param').id, resolveDisputeUpdate, arg), 200);
  });
}
