/** GET /v1/ops/reconciliation/{id}: one reconciliation report. */
import { createRoute, z } from '@hono/zod-openapi';
import { findReport } from '../../../../db/queries/reconciliation.js';
import { DomainError } from '../../../../domain/errors.js';
import { Id, problemResponse } from '../../../schemas.js';
import type { App } from '../../../types.js';
import { Report, reportJson } from './shape.js';

const route = createRoute({
  method: 'get',
  path: '/v1/ops/reconciliation/{id}',
  tags: ['operators'],
  summary: 'One reconciliation report',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The report', content: { 'application/json': { schema: Report } } },
    403: problemResponse('Operators only'),
    404: problemResponse('No such report'),
  },
});

export function registerGetReport(app: App): void {
  app.openapi(route, async (c) => {
    const row = await findReport(c.var.deps.db, c.req.valid('param').id);
    if (!row) throw new DomainError('not_found', 'report not found');
    return c.json(reportJson(row), 200);
  });
}
