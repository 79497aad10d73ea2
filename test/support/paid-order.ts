/**
 * Starts an order's workflow in a time-skipping environment and waits until it is paid. The order's
 * workflow then holds the escrow itself (one workflow per order): the returned handle takes the
 * escrow's updates and signals, and its result is the escrow's final state (awaited with skipping).
 */
import type { PurchaseInput } from '../../domain/purchase.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { awaitPaymentUpdate, purchaseWorkflow, purchaseWorkflowId } from '../../workflows/purchase.js';
import type { TimeSkipping } from './time-skipping.js';

export async function payOrder(ts: Pick<TimeSkipping, 'env' | 'steadyClient'>, input: PurchaseInput) {
  const started = await ts.steadyClient.workflow.start(purchaseWorkflow, {
    workflowId: purchaseWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input],
  });
  const paid = await started.executeUpdate(awaitPaymentUpdate);
  return { paid, order: ts.env.client.workflow.getHandle<typeof purchaseWorkflow>(started.workflowId) };
}
