import { createRoute, z } from '@hono/zod-openapi';
import { listWebhookEndpoints } from '../../../db/queries/seller-webhooks.js';
import type { App } from '../../types.js';
import { endpointJson, WebhookEndpoint } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/webhook-endpoints',
  tags: ['webhooks'],
  summary: 'My webhook endpoints (without their secrets)',
  responses: {
    200: {
      description: 'Endpoints, newest first',
      content: { 'application/json': { schema: z.object({ data: z.array(WebhookEndpoint) }) } },
    },
  },
});

export function registerListWebhookEndpoints(app: App): void {
  app.openapi(route, async (c) => {
    const rows = await listWebhookEndpoints(c.var.deps.db, c.var.user.id);
    return c.json({ data: rows.map(endpointJson) }, 200);
  });
}
