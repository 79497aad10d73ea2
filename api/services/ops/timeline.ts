/** An order's full story for operators: its events, its workflows as the Temporal UI shows them, and operator actions. */
import { WorkflowNotFoundError } from '@temporalio/client';
import { auditOf } from '../../../db/queries/ops.js';
import { findOrder, orderEventsOf } from '../../../db/queries/orders.js';
import { disputeIdFor } from '../../../domain/dispute.js';
import { DomainError } from '../../../domain/errors.js';
import { disputeWorkflowId, escrowWorkflowId, purchaseWorkflowId } from '../../../domain/ids.js';
import { orderJson } from '../../serializers.js';
import type { ApiDeps } from '../../types.js';

export async function orderTimeline(deps: ApiDeps, orderId: string) {
  const { db } = deps;
  const order = await findOrder(db, orderId);
  if (!order) throw new DomainError('not_found', 'order not found');
  const events = await orderEventsOf(db, order.id);
  const workflows = await Promise.all(
    [purchaseWorkflowId, escrowWorkflowId, disputeWorkflowId].map((id) =>
      workflowView(deps, id({ orderId: order.id })),
    ),
  );
  return {
    order: orderJson(order),
    events: events.map((e) => ({
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      data: e.data,
      at: e.createdAt.toISOString(),
    })),
    workflows: workflows.filter((w) => w !== undefined),
    operatorActions: [
      ...(await auditOf(db, 'order', order.id)),
      ...(await auditOf(db, 'dispute', disputeIdFor(order.id))),
    ].map((a) => ({ actorId: a.actorId, action: a.action, data: a.data, at: a.createdAt.toISOString() })),
  };
}

/** A workflow as an operator sees it in the Temporal UI: status, times, summary and current details. */
async function workflowView(deps: ApiDeps, workflowId: string) {
  const handle = deps.temporal.workflow.getHandle(workflowId);
  try {
    const d = await handle.describe();
    const details =
      d.status.name === 'RUNNING'
        ? await handle
            .query<{ currentDetails?: string }>('__temporal_workflow_metadata')
            .catch(() => undefined)
        : undefined;
    const state =
      d.status.name === 'RUNNING' ? await handle.query('status').catch(() => undefined) : undefined;
    return {
      workflowId,
      type: d.type,
      status: d.status.name,
      startTime: d.startTime.toISOString(),
      closeTime: d.closeTime?.toISOString(),
      currentDetails: details?.currentDetails,
      state,
    };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
