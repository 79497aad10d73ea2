/** DELETE /v1/webhook-endpoints/:id: disables the endpoint; deliveries still retrying stop. */
import { createRoute, z } from '@hono/zod-openapi';
import { disableWebhookEndpoint } from '../../../db/queries/seller-webhooks.js';
import { DomainError } from '../../../domain/errors.js';
import { withStepUp } from '../../middleware/step-up.js';
import { Id, IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { endpointJson, WebhookEndpoint } from './shape.js';

const route = createRoute({
  method: 'delete',
  path: '/v1/webhook-endpoints/{id}',
  tags: ['webhooks'],
  summary: 'Disable one of my webhook endpoints',
  request: { params: z.object({ id: Id }), headers: IdempotencyHeader },
  responses: {
    200: { description: 'Disabled', content: { 'application/json': { schema: WebhookEndpoint } } },
    404: problemResponse('No such endpoint of yours'),
  },
});

export function registerDeleteWebhookEndpoint(app: App): void {
  app.openapi(withStepUp(route), async (c) => {
    const row = await disableWebhookEndpoint(c.var.deps.db, {
      id: c.req.valid('param').id,
      sellerId: c.var.user.id,
    });
    if (!row) throw new DomainError('not_found', 'webhook endpoint not found');
    return c.json(endpointJson(row), 200);
  });
}
