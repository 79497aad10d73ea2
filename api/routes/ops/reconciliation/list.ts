/** GET /v1/ops/reconciliation: reconciliation reports, newest first. */
import { createRoute, z } from '@hono/zod-openapi';
import { listReports } from '../../../../db/queries/reconciliation.js';
import { problemResponse } from '../../../schemas.js';
import type { App } from '../../../types.js';
import { Report, reportJson } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/ops/reconciliation',
  tags: ['operators'],
  summary: 'Reconciliation reports, newest first',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: {
    200: {
      description: 'Reports',
      content: { 'application/json': { schema: z.object({ data: z.array(Report) }) } },
    },
    403: problemResponse('Operators only'),
  },
});

export function registerListReports(app: App): void {
  app.openapi(route, async (c) =>
    c.json({ data: (await listReports(c.var.deps.db, c.req.valid('query').limit)).map(reportJson) }, 200),
  );
}
