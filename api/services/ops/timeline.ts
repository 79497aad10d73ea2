/**
 * An order's full story for operators: where it came from (the offer or the auction before it), its
 * events, its workflows as the Temporal UI shows them (the offer's or auction's, the order's own, which
 * holds its escrow, and its dispute's), and operator actions.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { auditOf } from '../../../db/queries/ops.js';
import { findOrder, orderEventsOf } from '../../../db/queries/orders.js';
import { disputeIdFor } from '../../../domain/dispute.js';
import { DomainError } from '../../../domain/errors.js';
import { disputeWorkflowId, purchaseWorkflowId } from '../../../domain/ids.js';
import { auctionProgressQuery } from '../../../workflows/auction/messages.js';
import { disputeStatusQuery } from '../../../workflows/dispute/messages.js';
import { offerStatusQuery } from '../../../workflows/offer/messages.js';
import { purchaseStatusQuery } from '../../../workflows/purchase/messages.js';
import { orderJson } from '../../serializers.js';
import type { ApiDeps } from '../../types.js';
import { orderOrigin } from './origin.js';

export async function orderTimeline(deps: ApiDeps, orderId: string) {
  const { db } = deps;
  const order = await findOrder(db, orderId);
  if (!order) throw new DomainError('not_found', 'order not found');
  const events = await orderEventsOf(db, order.id);
  const origin = await orderOrigin(db, order);
  const workflows = await Promise.all([
    origin?.kind === 'offer' ? workflowView(deps, origin.workflowId, offerStatusQuery) : undefined,
    origin?.kind === 'auction' ? workflowView(deps, origin.workflowId, auctionProgressQuery) : undefined,
    workflowView(deps, purchaseWorkflowId({ orderId: order.id }), purchaseStatusQuery),
    workflowView(deps, disputeWorkflowId({ orderId: order.id }), disputeStatusQuery),
  ]);
  return {
    order: orderJson(order),
    ...(origin && { origin }),
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

/**
 * A workflow as an operator sees it in the Temporal UI: status, times, summary and current details,
 * and its state from its own typed status query while it runs.
 */
async function workflowView<State>(deps: ApiDeps, workflowId: string, statusQuery: QueryDefinition<State>) {
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
      d.status.name === 'RUNNING' ? await handle.query(statusQuery).catch(() => undefined) : undefined;
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
