/**
 * Starting an order's workflow (`order-<id>`): a plain start, or update-with-start whose update
 * resolves on the payment outcome. "Already started" (a retried request) is success.
 */
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { purchaseWorkflowId } from '../../../domain/ids.js';
import { PURCHASE_WORKFLOW, type PurchaseInput, type PurchaseStatus } from '../../../domain/purchase.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import { awaitPaymentUpdate } from '../../../workflows/purchase/messages.js';
import type { purchaseWorkflow } from '../../../workflows/purchase.js';
import type { ApiDeps } from '../../types.js';

/** Temporal did not take the purchase's start (unreachable, refused); "already started" is not this. */
export class WorkflowNotStartedError extends Error {
  constructor(override readonly cause: unknown) {
    super('purchase workflow not started');
    this.name = 'WorkflowNotStartedError';
  }
}

/** No listing title in the summary: it is the seller's free text, which their erasure removes (docs/privacy.md). */
function startOptions(input: PurchaseInput) {
  return {
    workflowId: purchaseWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input] as [PurchaseInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    staticSummary: `Purchase of ${input.quantity} × listing ${input.listingId} for ${input.amount} ${input.currency} minor units`,
    staticDetails: `buyer ${input.buyerId} · seller ${input.sellerId} · listing ${input.listingId}`,
  };
}

/** Starts the purchase; "already started" (a retried request) is success. */
export async function startPurchase(deps: ApiDeps, input: PurchaseInput): Promise<void> {
  try {
    await deps.temporal.workflow.start<typeof purchaseWorkflow>(PURCHASE_WORKFLOW, startOptions(input));
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw new WorkflowNotStartedError(err);
  }
}

/** Update-with-start; resolves with the payment outcome, or undefined when it takes longer than the bound. */
export async function startAndAwaitPayment(
  deps: ApiDeps,
  input: PurchaseInput,
): Promise<PurchaseStatus | undefined> {
  let handle: WorkflowUpdateHandle<PurchaseStatus>;
  try {
    handle = await deps.temporal.workflow.startUpdateWithStart<typeof purchaseWorkflow, PurchaseStatus, []>(
      awaitPaymentUpdate,
      {
        startWorkflowOperation: new WithStartWorkflowOperation<typeof purchaseWorkflow>(
          PURCHASE_WORKFLOW,
          startOptions(input),
        ),
        waitForStage: 'ACCEPTED',
      },
    );
  } catch (err) {
    // The purchase already finished (a retried request): its row holds the outcome.
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      return { orderId: input.orderId, status: 'paid' };
    // The start went through and only the waiting update did not: the purchase runs, outcome unknown.
    if (err instanceof WorkflowUpdateFailedError) return undefined;
    throw new WorkflowNotStartedError(err);
  }
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), deps.env.ORDER_WAIT_PAYMENT_MS);
  });
  const result = handle.result().catch(() => undefined);
  try {
    return await Promise.race([result, bound]);
  } finally {
    clearTimeout(timer);
  }
}
