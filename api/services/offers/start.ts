/**
 * Starting an offer's workflow (`offer-<id>`) with update-with-start: the update resolves once the
 * buyer's hold is known (live, failed, or settled by the listing's thresholds), bounded in time.
 * "Already started" (a retried request) is success.
 */
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { offerWorkflowId } from '../../../domain/ids.js';
import { OFFER_WORKFLOW, type OfferInput } from '../../../domain/offer.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import { awaitHoldUpdate } from '../../../workflows/offer/messages.js';
import type { offerWorkflow } from '../../../workflows/offer.js';
import type { ApiDeps } from '../../types.js';
import { WorkflowNotStartedError } from '../orders/start-purchase.js';

/** Starts the offer and waits (at most ORDER_WAIT_PAYMENT_MS) for its hold's outcome. */
export async function startOfferAndAwaitHold(deps: ApiDeps, input: OfferInput): Promise<void> {
  let result: Promise<unknown>;
  try {
    const handle = await deps.temporal.workflow.startUpdateWithStart(awaitHoldUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof offerWorkflow>(OFFER_WORKFLOW, {
        workflowId: offerWorkflowId(input),
        taskQueue: TASK_QUEUES.orders,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        // No listing title: the seller's free text, which their erasure removes (docs/privacy.md).
        staticSummary: `Offer of ${input.amount} ${input.currency} minor units for ${input.quantity} × listing ${input.listingId}`,
        staticDetails: `buyer ${input.buyerId} · seller ${input.sellerId} · listing ${input.listingId}`,
      }),
      waitForStage: 'ACCEPTED',
    });
    result = handle.result();
  } catch (err) {
    // It ran and closed already (a retried request), or only the waiting update failed: its row tells.
    if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowUpdateFailedError)
      return;
    throw new WorkflowNotStartedError(err);
  }
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deps.env.ORDER_WAIT_PAYMENT_MS);
  });
  try {
    await Promise.race([result.catch(() => undefined), bound]);
  } finally {
    clearTimeout(timer);
  }
}
