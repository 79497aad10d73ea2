/**
 * POST /v1/me/erasure: the person's erasure row (one per person), then `erasure-<userId>` with
 * update-with-start: the update makes it look now (a first request, or a person asking again once
 * their dispute closed) and answers what that look found, or did. The answer is awaited at most
 * ORDER_WAIT_PAYMENT_MS; past that the row's last state is the answer.
 */
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { newId } from '../../../db/new-id.js';
import {
  type ErasureRow,
  erasureState,
  findErasureOf,
  requestErasure,
} from '../../../db/queries/erasures.js';
import { DomainError } from '../../../domain/errors.js';
import {
  ERASURE_RECHECK_MS,
  ERASURE_WORKFLOW,
  type ErasureInput,
  type ErasureState,
  erasureWorkflowId,
} from '../../../domain/privacy.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import { recheckErasureUpdate } from '../../../workflows/erasure/messages.js';
import type { erasureWorkflow } from '../../../workflows/erasure.js';
import type { ApiDeps } from '../../types.js';

export async function requestErasureOf(
  deps: ApiDeps,
  userId: string,
): Promise<{ row: ErasureRow; state: ErasureState }> {
  const { db, temporal, env } = deps;
  const row = await requestErasure(db, { id: newId('era'), userId });
  if (row.status === 'done') return { row, state: erasureState(row) };
  const input: ErasureInput = { erasureId: row.id, userId, recheckMs: ERASURE_RECHECK_MS };
  let result: Promise<ErasureState | undefined>;
  try {
    const handle = await temporal.workflow.startUpdateWithStart(recheckErasureUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof erasureWorkflow>(ERASURE_WORKFLOW, {
        workflowId: erasureWorkflowId(input),
        taskQueue: TASK_QUEUES.orders,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        staticSummary: `Erasure ${row.id}`,
      }),
      waitForStage: 'ACCEPTED',
    });
    result = handle.result().catch(() => undefined);
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError))
      throw new DomainError('upstream_unavailable', 'the erasure could not be started: try again', {
        retryAfterSeconds: 1,
      });
    result = Promise.resolve(undefined);
  }
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), env.ORDER_WAIT_PAYMENT_MS);
  });
  try {
    const answered = await Promise.race([result, bound]);
    return { row, state: answered ?? erasureState((await findErasureOf(db, userId)) ?? row) };
  } finally {
    clearTimeout(timer);
  }
}
