/**
 * An operator's decision on a purchase the fraud screen held. One decision per purchase: the update id
 * comes from the Idempotency-Key, so a retried request gets the first outcome from Temporal (even once
 * the purchase has closed) and the audit entry, written once per order, is not doubled. A decision with
 * another key is refused by the workflow (409).
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { auditOnce } from '../../../db/queries/ops.js';
import { findOrder, type OrderRow } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import type { FraudReviewDecision } from '../../../domain/fraud.js';
import { purchaseWorkflowId } from '../../../domain/ids.js';
import { fraudReviewUpdate } from '../../../workflows/purchase/messages.js';
import { executeUpdateOnce } from '../../routes/workflow-update.js';
import type { ApiDeps } from '../../types.js';

export async function reviewFraud(
  deps: ApiDeps,
  orderId: string,
  decision: FraudReviewDecision,
  updateId: string | undefined,
): Promise<OrderRow> {
  const order = await findOrder(deps.db, orderId);
  if (!order) throw new DomainError('not_found', 'order not found');
  const handle = deps.temporal.workflow.getHandle(purchaseWorkflowId({ orderId: order.id }));
  try {
    await executeUpdateOnce(handle, fraudReviewUpdate, { args: [decision], ...(updateId && { updateId }) });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) {
      throw new DomainError('invalid_state', 'this purchase is not waiting for a fraud review');
    }
    throw err;
  }
  await auditOnce(deps.db, {
    actorId: decision.operatorId,
    action: 'fraud.review',
    subjectType: 'order',
    subjectId: order.id,
    data: { decision: decision.decision, ...(decision.note && { note: decision.note }) },
  });
  return (await findOrder(deps.db, order.id))!;
}
