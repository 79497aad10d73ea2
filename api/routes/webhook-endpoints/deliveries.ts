/** GET /v1/webhook-endpoints/:id/deliveries: the delivery log, every attempt with its answer. */
import { createRoute, z } from '@hono/zod-openapi';
import { deliveryLog, findWebhookEndpoint } from '../../../db/queries/seller-webhooks.js';
import { DomainError } from '../../../domain/errors.js';
import { Id, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { deliveryJson, WebhookDelivery } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/webhook-endpoints/{id}/deliveries',
  tags: ['webhooks'],
  summary: "An endpoint's newest deliveries and their attempts (owner or operator)",
  request: {
    params: z.object({ id: Id }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
  },
  responses: {
    200: {
      description: 'Deliveries, newest first',
      content: { 'application/json': { schema: z.object({ data: z.array(WebhookDelivery) }) } },
    },
    404: problemResponse('No such endpoint of yours'),
  },
});

export function registerListWebhookDeliveries(app: App): void {
  app.openapi(route, async (c) => {
    const { db } = c.var.deps;
    const endpoint = await findWebhookEndpoint(db, c.req.valid('param').id);
    const user = c.var.user;
    if (!endpoint || (endpoint.sellerId !== user.id && user.role !== 'operator'))
      throw new DomainError('not_found', 'webhook endpoint not found');
    const rows = await deliveryLog(db, { endpointId: endpoint.id, limit: c.req.valid('query').limit });
    return c.json({ data: rows.map(deliveryJson) }, 200);
  });
}
