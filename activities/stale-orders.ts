/**
 * The stale-order sweep's steps (workflows/stale-order-sweep.ts): find `pending` orders older than the
 * hold, and end each one whose `order-<id>` workflow does not exist (docs/design.md, reservation hold).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { endUnstartedOrder, pendingOrdersPlacedBefore } from '../db/queries/stale-orders.js';
import { purchaseWorkflowId } from '../domain/ids.js';
import type { StaleOrderOutcome } from '../domain/stale-orders.js';
import type { ActivityDeps } from './deps.js';

export function createStaleOrderActivities({ db, temporal, log }: ActivityDeps) {
  return {
    async listStaleOrders({ holdMs, limit }: { holdMs: number; limit: number }): Promise<string[]> {
      return pendingOrdersPlacedBefore(db, new Date(Date.now() - holdMs), limit);
    },

    /**
     * Expires one stale order unless its workflow exists (running or closed: then the order is that
     * workflow's). Asked of Temporal right before the guarded transaction; a start after it is harmless.
     */
    async expireStaleOrder({ orderId }: { orderId: string }): Promise<StaleOrderOutcome> {
      // Without a client nothing can tell whether a workflow runs the order: never guess (a retry waits).
      if (!temporal) throw new Error('expireStaleOrder needs a Temporal client to look for the workflow');
      const workflowId = purchaseWorkflowId({ orderId });
      try {
        await temporal.workflow.getHandle(workflowId).describe();
        return 'has_workflow';
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      const outcome = await endUnstartedOrder(db, { orderId, reason: 'expired' });
      if (outcome === 'ended')
        log.warn({ orderId }, 'order expired: no workflow ever ran it; stock released');
      return outcome === 'ended' ? 'expired' : 'moved_on';
    },
  };
}
