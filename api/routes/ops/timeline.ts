/** GET /v1/ops/orders/{id}/timeline: an order's events, workflows and operator actions. */
import { createRoute, z } from '@hono/zod-openapi';
import { Id, problemResponse } from '../../schemas.js';
import { orderTimeline } from '../../services/ops/timeline.js';
import type { App } from '../../types.js';
import { forbidden, OPS } from './shared.js';

const route = createRoute({
  method: 'get',
  path: `${OPS}/orders/{id}/timeline`,
  tags: ['operators'],
  summary: 'An order’s full story: its events, its workflows (status, current details) and operator actions',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: {
      description: 'The timeline',
      content: { 'application/json': { schema: z.object({}).passthrough().openapi('Timeline') } },
    },
    404: problemResponse('No such order'),
    ...forbidden,
  },
});

export function registerOrderTimeline(app: App): void {
  app.openapi(route, async (c) => c.json(await orderTimeline(c.var.deps, c.req.valid('param').id), 200));
}
