/**
 * POST /v1/webhooks/payments: the provider's signed events. Verify (HMAC-SHA256 over "t.body",
 * timing-safe, 5-minute tolerance), store once by event id, signal the workflow that waits, answer
 * 2xx fast. Unknown or malformed-but-signed events are stored and acknowledged. `account.updated`
 * keeps a seller's payouts_enabled (accounts.ts).
 */
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { webhookSecrets } from '../../../config/env.js';
import type { Db } from '../../../db/client.js';
import { escrowHolderOf } from '../../../db/queries/orders.js';
import { webhookEvents } from '../../../db/schema/index.js';
import { LATE_CHARGEBACK_WORKFLOW, type LateChargebackInput } from '../../../domain/chargeback.js';
import { DomainError } from '../../../domain/errors.js';
import { CHARGEBACK_SIGNAL, type ChargebackSignal } from '../../../domain/escrow.js';
import { lateChargebackWorkflowId, payoutWorkflowId, purchaseWorkflowId } from '../../../domain/ids.js';
import { isCurrency } from '../../../domain/money.js';
import { TRANSFER_OUTCOME_SIGNAL, type TransferOutcome } from '../../../domain/payout.js';
import { PAYMENT_CONFIRMATION_SIGNAL, type PaymentConfirmation } from '../../../domain/purchase.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import type { App, AppEnv } from '../../types.js';
import { applyAccountUpdate } from './accounts.js';
import { readEvent, storeMalformed, verifiedDelivery } from './signed.js';
import { registerStripeWebhook } from './stripe.js';

export const WEBHOOK_PATH = '/v1/webhooks/payments';

interface ProviderEvent {
  id: string;
  type: string;
  created?: number;
  data?: { object?: Record<string, unknown> };
}

export function registerPaymentWebhook(app: App): void {
  app.post(WEBHOOK_PATH, async (c) => {
    const { db, env } = c.var.deps;
    // Signature, replay and verdict count as for every inbound webhook (signed.ts).
    const delivery = await verifiedDelivery(c, 'payments', webhookSecrets(env));
    if (!delivery.ok) return delivery.response;
    const event = readEvent<ProviderEvent>(delivery.rawBody);
    if (!event) {
      // Signed by the provider but unreadable: keep it for inspection, acknowledge so it is not resent forever.
      const id = await storeMalformed(db, { idPrefix: 'malformed', ...delivery });
      return c.json({ received: true, stored: id }, 200);
    }
    return receiveProviderEvent(c, event);
  });
  // Stripe's own format, verified with its SDK and mapped onto these events (stripe.ts).
  registerStripeWebhook(app, receiveProviderEvent);
}

/**
 * Stores an event once by id and hands it to what waits for it: the sandbox's, and Stripe's once
 * mapped onto the same events (stripe.ts).
 */
export async function receiveProviderEvent(c: Context<AppEnv>, event: ProviderEvent): Promise<Response> {
  const { db, temporal } = c.var.deps;
  const [stored] = await db
    .insert(webhookEvents)
    .values({ id: event.id, type: event.type, payload: event })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  if (!stored) {
    // A redelivery. Dispatched again only if the first delivery's signal never went through.
    const [first] = await db
      .select({ processedAt: webhookEvents.processedAt })
      .from(webhookEvents)
      .where(eq(webhookEvents.id, event.id));
    if (first?.processedAt) return c.json({ received: true, duplicate: true }, 200);
  }

  await applyAccountUpdate(db, event);
  await dispatch(event, temporal, c.var.log, c.var.deps.db);
  await db.update(webhookEvents).set({ processedAt: new Date() }).where(eq(webhookEvents.id, event.id));
  return c.json({ received: true }, 200);
}

/**
 * Signals a workflow. One that no longer runs needs nothing (the stored event is for
 * reconciliation); any other failure answers 503 and leaves the event unprocessed, so the provider's
 * redelivery signals again: a Temporal blip must not lose a chargeback.
 */
async function signalWorkflow(
  temporal: Client,
  log: Logger,
  workflowId: string,
  signal: string,
  arg: unknown,
): Promise<'signalled' | 'not_running'> {
  try {
    await temporal.workflow.getHandle(workflowId).signal(signal, arg);
    return 'signalled';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw notHandedOn(log, err, workflowId);
    log.warn({ workflowId, signal }, 'webhook for a workflow that no longer runs');
    return 'not_running';
  }
}

function notHandedOn(log: Logger, err: unknown, workflowId: string): DomainError {
  log.error({ err: (err as Error).message, workflowId }, 'webhook not delivered to its workflow');
  return new DomainError('upstream_unavailable', 'the event could not be handed on; deliver it again');
}

/**
 * A chargeback for an order whose escrow has closed: the money was released (or refunded), so a
 * workflow of its own takes back what was released (workflows/late-chargeback.ts). Started once per
 * provider event; a redelivery finds it started.
 */
async function recoverLateChargeback(temporal: Client, log: Logger, input: LateChargebackInput) {
  try {
    await temporal.workflow.start(LATE_CHARGEBACK_WORKFLOW, {
      workflowId: lateChargebackWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError))
      throw notHandedOn(log, err, lateChargebackWorkflowId(input));
  }
}

/** Routes an event to the workflow that waits for it; workflows ignore what they no longer need. */
async function dispatch(event: ProviderEvent, temporal: Client, log: Logger, db: Db) {
  const object = event.data?.object ?? {};
  if (event.type === 'payment_intent.authorized' || event.type === 'payment_intent.payment_failed') {
    const orderId = (object.metadata as Record<string, string> | undefined)?.orderId;
    if (!orderId || typeof object.id !== 'string') return;
    const confirmation: PaymentConfirmation = {
      intentId: object.id,
      status: event.type === 'payment_intent.authorized' ? 'authorized' : 'declined',
    };
    await signalWorkflow(
      temporal,
      log,
      purchaseWorkflowId({ orderId }),
      PAYMENT_CONFIRMATION_SIGNAL,
      confirmation,
    );
    return;
  }
  if (event.type === 'charge.dispute.created') {
    const orderId = (object.metadata as Record<string, string> | undefined)?.orderId;
    if (!orderId) return;
    const chargeback: ChargebackSignal = {
      providerEventId: event.id,
      ...(typeof object.reason === 'string' && { reason: object.reason }),
    };
    const escrow = await signalWorkflow(
      temporal,
      log,
      await escrowHolderOf(db, orderId),
      CHARGEBACK_SIGNAL,
      chargeback,
    );
    const currency = typeof object.currency === 'string' ? object.currency.toUpperCase() : '';
    if (escrow === 'not_running' && typeof object.amount === 'number' && isCurrency(currency))
      await recoverLateChargeback(temporal, log, {
        orderId,
        providerEventId: event.id,
        amount: object.amount,
        currency,
      });
    return;
  }
  if (event.type === 'transfer.paid' || event.type === 'transfer.failed') {
    const payoutId = (object.metadata as Record<string, string> | undefined)?.payoutId;
    if (!payoutId) return;
    const outcome: TransferOutcome = {
      transferId: String(object.id),
      status: event.type === 'transfer.paid' ? 'paid' : 'failed',
      ...(typeof object.failure_code === 'string' && { failureCode: object.failure_code }),
    };
    await signalWorkflow(temporal, log, payoutWorkflowId({ payoutId }), TRANSFER_OUTCOME_SIGNAL, outcome);
  }
}
