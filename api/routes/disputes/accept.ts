/** POST /v1/disputes/{id}/accept: the seller accepts the dispute and the buyer is refunded in full. */
import { createRoute, z } from '@hono/zod-openapi';
import { acceptDisputeUpdate } from '../../../workflows/dispute/messages.js';
import { Id, IdempotencyHeader } from '../../schemas.js';
import type { App } from '../../types.js';
import { actionResponses, actOnDispute } from './shared.js';

const route = createRoute({
  method: 'post',
  path: '/v1/disputes/{id}/accept',
  tags: ['disputes'],
  summary: 'Accept the dispute (seller): the buyer is refunded in full',
  request: { params: z.object({ id: Id }), headers: IdempotencyHeader },
  responses: actionResponses('Resolved for the buyer'),
});

export function registerAcceptDispute(app: App): void {
  app.openapi(route, async (c) =>
    c.json(
      await actOnDispute(c, c.req.valid('param').id, acceptDisputeUpdate, { userId: c.var.user.id }),
      200,
    ),
  );
}
