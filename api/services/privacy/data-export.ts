/**
 * POST /v1/me/data-exports: the export's row, then its workflow (`data-export-<id>`). One export is
 * gathered at a time: while one is pending, asking again answers it (and starts its workflow if an
 * earlier request stopped between the two).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { newId } from '../../../db/new-id.js';
import {
  type DataExportRow,
  insertDataExport,
  pendingDataExportOf,
} from '../../../db/queries/data-exports.js';
import { DomainError } from '../../../domain/errors.js';
import {
  DATA_EXPORT_TTL_MS,
  DATA_EXPORT_WORKFLOW,
  type DataExportInput,
  dataExportWorkflowId,
} from '../../../domain/privacy.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import type { dataExportWorkflow } from '../../../workflows/data-export.js';
import type { ApiDeps } from '../../types.js';

export async function requestDataExport(deps: ApiDeps, userId: string): Promise<DataExportRow> {
  const { db, temporal } = deps;
  const row =
    (await pendingDataExportOf(db, userId)) ?? (await insertDataExport(db, { id: newId('dex'), userId }));
  const input: DataExportInput = { exportId: row.id, userId, ttlMs: DATA_EXPORT_TTL_MS };
  try {
    await temporal.workflow.start<typeof dataExportWorkflow>(DATA_EXPORT_WORKFLOW, {
      workflowId: dataExportWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Data export ${row.id}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError))
      throw new DomainError('upstream_unavailable', 'the export could not be started: try again', {
        retryAfterSeconds: 1,
      });
  }
  return row;
}
