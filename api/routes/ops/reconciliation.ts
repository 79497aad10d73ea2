/** Operators read reconciliation reports and may run one for any period. */
import { createRoute, z } from '@hono/zod-openapi';
import { newId } from '../../../db/new-id.js';
import { audit } from '../../../db/queries/ops.js';
import { findReport, listReports } from '../../../db/queries/reconciliation.js';
import { DomainError } from '../../../domain/errors.js';
import {
  MISMATCH_KINDS,
  RECONCILIATION_WORKFLOW,
  type ReconciliationReport,
  reconciliationWorkflowId,
} from '../../../domain/reconciliation.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import { Id, IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';

const Report = z
  .object({
    id: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    status: z.enum(['clean', 'mismatches']),
    counts: z.record(z.string(), z.number()),
    mismatches: z.array(
      z.object({
        kind: z.enum(MISMATCH_KINDS),
        ref: z.string(),
        orderId: z.string().optional(),
        payoutId: z.string().optional(),
        ours: z.union([z.number(), z.string()]).optional(),
        theirs: z.union([z.number(), z.string()]).optional(),
      }),
    ),
    createdAt: z.string(),
  })
  .openapi('ReconciliationReport');

type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;
const reportJson = (row: ReportRow) => ({
  id: row.id,
  periodStart: row.periodStart.toISOString(),
  periodEnd: row.periodEnd.toISOString(),
  status: row.status as 'clean' | 'mismatches',
  counts: row.counts,
  mismatches: row.mismatches as z.infer<typeof Report>['mismatches'],
  createdAt: row.createdAt.toISOString(),
});

const listRoute = createRoute({
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

const getRoute = createRoute({
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

const runRoute = createRoute({
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

export function registerReconciliationRoutes(app: App): void {
  app.openapi(listRoute, async (c) =>
    c.json({ data: (await listReports(c.var.deps.db, c.req.valid('query').limit)).map(reportJson) }, 200),
  );
  app.openapi(getRoute, async (c) => {
    const row = await findReport(c.var.deps.db, c.req.valid('param').id);
    if (!row) throw new DomainError('not_found', 'report not found');
    return c.json(reportJson(row), 200);
  });
  app.openapi(runRoute, async (c) => {
    const { from, to } = c.req.valid('json');
    const span = new Date(to).getTime() - new Date(from).getTime();
    if (!(span > 0 && span <= 31 * 86_400_000))
      throw new DomainError('validation_failed', 'the period must be positive and at most 31 days');
    const result = await c.var.deps.temporal.workflow.execute<
      (p: { from: string; to: string }) => Promise<ReconciliationReport>
    >(RECONCILIATION_WORKFLOW, {
      workflowId: reconciliationWorkflowId(newId('run')),
      taskQueue: TASK_QUEUES.orders,
      args: [{ from: new Date(from).toISOString(), to: new Date(to).toISOString() }],
      staticSummary: `Reconciliation ${from} → ${to} (requested by ${c.var.user.id})`,
    });
    const row = await findReport(c.var.deps.db, result.reportId);
    if (!row) throw new DomainError('internal_error', 'report not stored');
    await audit(c.var.deps.db, {
      actorId: c.var.user.id,
      action: 'reconciliation.run',
      subjectType: 'reconciliation',
      subjectId: row.id,
      data: { from, to, status: row.status, mismatches: row.mismatches.length },
    });
    return c.json(reportJson(row), 201);
  });
}
