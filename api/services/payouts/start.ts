/**
 * Starting a payout's workflow from its stored row (POST /v1/payouts): the workflow id is the payout's,
 * so a retried request starts nothing new, and the input is the row's values, never a retried
 * request's.
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { PayoutRow } from '../../../db/queries/payouts.js';
import { DomainError } from '../../../domain/errors.js';
import { payoutWorkflowId } from '../../../domain/ids.js';
import type { Currency } from '../../../domain/money.js';
import { PAYOUT_WORKFLOW, type PayoutInput } from '../../../domain/payout.js';
import { payoutSearchAttributes } from '../../../domain/search-attributes.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import type { payoutWorkflow } from '../../../workflows/payout.js';

/**
 * Starts the payout a row stores, with the row's own values (never the request's): refused as
 * `idempotency_conflict` (422, as for any key reused with another request) when the request asks for
 * another currency or amount than the payout its key named.
 */
export async function startStored(
  temporal: Client,
  row: PayoutRow,
  asked: { currency: string; requested: number | undefined },
  destination: string,
): Promise<PayoutRow> {
  const amount = Number(row.amount);
  if (row.currency !== asked.currency || (asked.requested !== undefined && asked.requested !== amount))
    throw new DomainError(
      'idempotency_conflict',
      `this Idempotency-Key named payout ${row.id} of ${amount} ${row.currency}: use a new key for another payout`,
      { payoutId: row.id },
    );
  const input: PayoutInput = {
    payoutId: row.id,
    sellerId: row.sellerId,
    amount,
    currency: row.currency as Currency,
    destination,
  };
  await startPayout(temporal, input);
  return row;
}

export async function startPayout(temporal: Client, input: PayoutInput): Promise<void> {
  try {
    await temporal.workflow.start<typeof payoutWorkflow>(PAYOUT_WORKFLOW, {
      workflowId: payoutWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Payout of ${input.amount} ${input.currency} minor units to ${input.sellerId}`,
      typedSearchAttributes: payoutSearchAttributes(input),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
