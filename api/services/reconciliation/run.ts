/** An operator's reconciliation of a period (at most 31 days): run to its report, audited. */
import { newId } from '../../../db/new-id.js';
import { audit } from '../../../db/queries/ops.js';
import { findReport } from '../../../db/queries/reconciliation.js';
import { DomainError } from '../../../domain/errors.js';
import {
  RECONCILIATION_WORKFLOW,
  type ReconciliationReport,
  reconciliationWorkflowId,
} from '../../../domain/reconciliation.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import type { ApiDeps } from '../../types.js';

type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

const MAX_PERIOD_MS = 31 * 86_400_000;

export async function runReconciliation(
  deps: ApiDeps,
  { from, to }: { from: string; to: string },
  operatorId: string,
): Promise<ReportRow> {
  const span = new Date(to).getTime() - new Date(from).getTime();
  if (!(span > 0 && span <= MAX_PERIOD_MS))
    throw new DomainError('validation_failed', 'the period must be positive and at most 31 days');
  const result = await deps.temporal.workflow.execute<
    (p: { from: string; to: string }) => Promise<ReconciliationReport>
  >(RECONCILIATION_WORKFLOW, {
    workflowId: reconciliationWorkflowId(newId('run')),
    taskQueue: TASK_QUEUES.orders,
    args: [{ from: new Date(from).toISOString(), to: new Date(to).toISOString() }],
    staticSummary: `Reconciliation ${from} → ${to} (requested by ${operatorId})`,
  });
  const row = await findReport(deps.db, result.reportId);
  if (!row) throw new DomainError('internal_error', 'report not stored');
  await audit(deps.db, {
    actorId: operatorId,
    action: 'reconciliation.run',
    subjectType: 'reconciliation',
    subjectId: row.id,
    data: { from, to, status: row.status, mismatches: row.mismatches.length },
  });
  return row;
}
