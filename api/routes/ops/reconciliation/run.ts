/** POST /v1/ops/reconciliation: reconcile a period now and answer with the report. */
import { createRoute, z } from '@hono/zod-openapi';
import { withStepUp } from '../../../middleware/step-up.js';
import { IdempotencyHeader, problemResponse } from '../../../schemas.js';
import { runReconciliation } from '../../../services/reconciliation/run.js';
import type { App } from '../../../types.js';
import { Report, reportJson } from './shape.js';

const route = createRoute({
  method: 'post',
  path: '/v1/ops/reconciliation',
  tags: ['operators'],
  summary: 'Reconcile a period now (at most 31 days) and answer with the report',
  request: {
    headers: IdempotencyHeader,
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              from: z.string().datetime({ offset: true }),
              to: z.string().datetime({ offset: true }),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    201: { description: 'The report', content: { 'application/json': { schema: Report } } },
    400: problemResponse('Invalid period'),
    403: problemResponse('Operators only'),
  },
});

export function registerRunReconciliation(app: App): void {
  app.openapi(withStepUp(route), async (c) =>
    c.json(reportJson(await runReconciliation(c.var.deps, c.req.valid('json'), c.var.user.id)), 201),
  );
}
