/** Starting and signalling an auction's workflow (`auction-<listingId>`); "already started" is success. */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from 'pino';
import { AUCTION_WORKFLOW, type AuctionInput, auctionWorkflowId } from '../../../domain/auction.js';
import { DomainError } from '../../../domain/errors.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import { auctionExtendedSignal } from '../../../workflows/auction/messages.js';
import type { auctionWorkflow } from '../../../workflows/auction.js';
import type { ApiDeps } from '../../types.js';

export async function startAuction(deps: ApiDeps, input: AuctionInput): Promise<void> {
  try {
    await deps.temporal.workflow.start<typeof auctionWorkflow>(AUCTION_WORKFLOW, {
      workflowId: auctionWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: `Auction of "${input.title.slice(0, 60)}" from ${input.terms.startAmount} ${input.currency} minor units`,
      staticDetails: `seller ${input.sellerId} · listing ${input.listingId}`,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw new DomainError('upstream_unavailable', 'the auction could not be started', {
      listingId: input.listingId,
      retryAfterSeconds: 5,
    });
  }
}

/**
 * Tells the workflow a soft-close bid moved the end, so its timer re-arms there. Advisory: the end is
 * taken under the auction row's lock, which finds the moved end and sleeps again if this is lost.
 */
export async function signalExtension(
  deps: ApiDeps,
  log: Logger,
  listingId: string,
  endsAt: Date,
): Promise<void> {
  await deps.temporal.workflow
    .getHandle(auctionWorkflowId({ listingId }))
    .signal(auctionExtendedSignal, { endsAt: endsAt.toISOString() })
    .catch((err: unknown) => {
      if (!(err instanceof WorkflowNotFoundError))
        log.warn({ err: String(err), listingId }, 'auction extension not signalled');
    });
}
