import { createRoute, z } from '@hono/zod-openapi';
import { Id, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { Dispute, freshDispute } from './shared.js';

const route = createRoute({
  method: 'get',
  path: '/v1/disputes/{id}',
  tags: ['disputes'],
  summary: 'Read a dispute and its evidence (its parties or an operator)',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The dispute', content: { 'application/json': { schema: Dispute } } },
    404: problemResponse('No such dispute visible to you'),
  },
});

export function registerGetDispute(app: App): void {
  app.openapi(route, async (c) => c.json(await freshDispute(c, c.req.valid('param').id), 200));
}
