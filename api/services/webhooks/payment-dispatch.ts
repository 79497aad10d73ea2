/**
 * Hands a stored provider event to the workflow that waits for it, through the workflows' typed
 * signal definitions: an authorization's outcome to the order's workflow, a chargeback (with what
 * the bank took) to the order's workflow or, once that has closed, to a late-chargeback workflow of
 * its own, a transfer's outcome to its payout. Workflows ignore what they no longer need.
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Db } from '../../../db/client.js';
import { findOrder } from '../../../db/queries/orders.js';
import { LATE_CHARGEBACK_WORKFLOW, type LateChargebackInput } from '../../../domain/chargeback.js';
import { DomainError } from '../../../domain/errors.js';
import type { ChargebackSignal } from '../../../domain/escrow.js';
import {
  escrowHolder,
  lateChargebackWorkflowId,
  payoutWorkflowId,
  purchaseWorkflowId,
} from '../../../domain/ids.js';
import type { Currency } from '../../../domain/money.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import { chargebackOf, type ProviderEvent } from '../../../payments/events.js';
import { chargebackSignal } from '../../../workflows/escrow/messages.js';
import type { lateChargebackWorkflow } from '../../../workflows/late-chargeback.js';
import { transferOutcomeSignal } from '../../../workflows/payout/messages.js';
import { paymentConfirmationSignal } from '../../../workflows/purchase/messages.js';
import { signalIfRunning } from '../workflows/signal.js';

export interface DispatchDeps {
  temporal: Client;
  log: Logger;
  db: Db;
}

/** Routes an event to the workflow that waits for it. */
export async function dispatch(event: ProviderEvent, deps: DispatchDeps): Promise<void> {
  const object = event.data?.object ?? {};
  const metadata = (object.metadata as Record<string, string> | undefined) ?? {};
  if (event.type === 'payment_intent.authorized' || event.type === 'payment_intent.payment_failed') {
    if (!metadata.orderId || typeof object.id !== 'string') return;
    await signalWorkflow(deps, purchaseWorkflowId({ orderId: metadata.orderId }), paymentConfirmationSignal, {
      intentId: object.id,
      status: event.type === 'payment_intent.authorized' ? 'authorized' : 'declined',
    });
    return;
  }
  if (event.type === 'charge.dispute.created') {
    await handOnChargeback(event, deps);
    return;
  }
  if (event.type === 'transfer.paid' || event.type === 'transfer.failed') {
    if (!metadata.payoutId) return;
    await signalWorkflow(deps, payoutWorkflowId({ payoutId: metadata.payoutId }), transferOutcomeSignal, {
      transferId: String(object.id),
      status: event.type === 'transfer.paid' ? 'paid' : 'failed',
      ...(typeof object.failure_code === 'string' && { failureCode: object.failure_code }),
    });
  }
}

/**
 * A chargeback goes to `order-<id>`, the one workflow holding the order's escrow, with what the bank
 * took. One whose workflow has closed (the money was released or refunded) starts a workflow of its
 * own that takes back what was released (workflows/late-chargeback.ts), once per provider event.
 */
async function handOnChargeback(event: ProviderEvent, deps: DispatchDeps): Promise<void> {
  const chargeback = chargebackOf(event);
  if (!chargeback) return;
  const { orderId } = chargeback;
  const taken = await amountTaken(deps, chargeback);
  if (!taken) return;
  const signal: ChargebackSignal = {
    providerEventId: event.id,
    ...(chargeback.reason && { reason: chargeback.reason }),
    amount: taken.amount,
  };
  const escrow = await signalWorkflow(deps, escrowHolder({ orderId }), chargebackSignal, signal);
  if (escrow === 'not_running')
    await startLateChargeback(deps, { orderId, providerEventId: event.id, ...taken });
}

/**
 * What the bank took, as the event says. An event without a usable amount (neither provider sends
 * one) is taken as the whole order, the most a bank can take; reconciliation shows any difference.
 */
async function amountTaken(
  deps: DispatchDeps,
  chargeback: { orderId: string; amount?: number; currency?: Currency },
): Promise<{ amount: number; currency: Currency } | undefined> {
  if (chargeback.amount !== undefined && chargeback.currency)
    return { amount: chargeback.amount, currency: chargeback.currency };
  const order = await findOrder(deps.db, chargeback.orderId);
  deps.log.warn(
    { orderId: chargeback.orderId },
    'chargeback event without an amount: the whole order is taken',
  );
  return order && { amount: Number(order.amount), currency: order.currency as Currency };
}

/**
 * Signals a workflow through its typed definition. One that no longer runs needs nothing (the stored
 * event is for reconciliation); any other failure answers 503 and leaves the event unprocessed, so
 * the provider's redelivery signals again: a Temporal blip must not lose a chargeback.
 */
async function signalWorkflow<Arg>(
  { temporal, log }: DispatchDeps,
  workflowId: string,
  signal: SignalDefinition<[Arg]>,
  arg: Arg,
): Promise<'signalled' | 'not_running'> {
  const outcome = await signalIfRunning(temporal, workflowId, signal, arg).catch((err: unknown) => {
    throw notHandedOn(log, err, workflowId);
  });
  if (outcome === 'not_running')
    log.warn({ workflowId, signal: signal.name }, 'webhook for a workflow that no longer runs');
  return outcome;
}

async function startLateChargeback({ temporal, log }: DispatchDeps, input: LateChargebackInput) {
  try {
    await temporal.workflow.start<typeof lateChargebackWorkflow>(LATE_CHARGEBACK_WORKFLOW, {
      workflowId: lateChargebackWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError))
      throw notHandedOn(log, err, lateChargebackWorkflowId(input));
  }
}

function notHandedOn(log: Logger, err: unknown, workflowId: string): DomainError {
  log.error({ err: (err as Error).message, workflowId }, 'webhook not delivered to its workflow');
  return new DomainError('upstream_unavailable', 'the event could not be handed on; deliver it again');
}
