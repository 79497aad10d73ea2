/**
 * POST /v1/webhooks/payments: the provider's signed events. Verify (HMAC-SHA256 over "t.body",
 * timing-safe, 5-minute tolerance), store once by event id, signal the workflow that waits, answer
 * 2xx fast. Unknown or malformed-but-signed events are stored and acknowledged.
 */
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { webhookSecrets } from '../../../config/env.js';
import { webhookEvents } from '../../../db/schema/index.js';
import { CHARGEBACK_SIGNAL, type ChargebackSignal } from '../../../domain/escrow.js';
import { escrowWorkflowId, payoutWorkflowId, purchaseWorkflowId } from '../../../domain/ids.js';
import { TRANSFER_OUTCOME_SIGNAL, type TransferOutcome } from '../../../domain/payout.js';
import { PAYMENT_CONFIRMATION_SIGNAL, type PaymentConfirmation } from '../../../domain/purchase.js';
import type { App } from '../../types.js';
import { readEvent, storeMalformed, verifiedDelivery } from './signed.js';

export const WEBHOOK_PATH = '/v1/webhooks/payments';

interface ProviderEvent {
  id: string;
  type: string;
  data?: { object?: Record<string, unknown> };
}

export function registerPaymentWebhook(app: App): void {
  app.post(WEBHOOK_PATH, async (c) => {
    const { db, temporal, env } = c.var.deps;
    // Signature, replay and verdict count as for every inbound webhook (signed.ts).
    const delivery = await verifiedDelivery(c, 'payments', webhookSecrets(env));
    if (!delivery.ok) return delivery.response;
    const event = readEvent<ProviderEvent>(delivery.rawBody);
    if (!event) {
      // Signed by the provider but unreadable: keep it for inspection, acknowledge so it is not resent forever.
      const id = await storeMalformed(db, { idPrefix: 'malformed', ...delivery });
      return c.json({ received: true, stored: id }, 200);
    }
    const [stored] = await db
      .insert(webhookEvents)
      .values({ id: event.id, type: event.type, payload: event })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    if (!stored) return c.json({ received: true, duplicate: true }, 200);

    await dispatch(event, temporal, c.var.log);
    await db.update(webhookEvents).set({ processedAt: new Date() }).where(eq(webhookEvents.id, event.id));
    return c.json({ received: true }, 200);
  });
}

/** Routes an event to the workflow that waits for it; workflows ignore what they no longer need. */
async function dispatch(event: ProviderEvent, temporal: Client, log: Logger) {
  const object = event.data?.object ?? {};
  if (event.type === 'payment_intent.authorized' || event.type === 'payment_intent.payment_failed') {
    const orderId = (object.metadata as Record<string, string> | undefined)?.orderId;
    if (!orderId || typeof object.id !== 'string') return;
    const confirmation: PaymentConfirmation = {
      intentId: object.id,
      status: event.type === 'payment_intent.authorized' ? 'authorized' : 'declined',
    };
    try {
      await temporal.workflow
        .getHandle(purchaseWorkflowId({ orderId }))
        .signal(PAYMENT_CONFIRMATION_SIGNAL, confirmation);
    } catch (err) {
      log.warn({ err: (err as Error).message, orderId }, 'purchase workflow not signalled');
    }
    return;
  }
  if (event.type === 'charge.dispute.created') {
    const orderId = (object.metadata as Record<string, string> | undefined)?.orderId;
    if (!orderId) return;
    const chargeback: ChargebackSignal = {
      providerEventId: event.id,
      ...(typeof object.reason === 'string' && { reason: object.reason }),
    };
    try {
      await temporal.workflow.getHandle(escrowWorkflowId({ orderId })).signal(CHARGEBACK_SIGNAL, chargeback);
    } catch (err) {
      // Escrow already closed (funds released or refunded): the stored event is for reconciliation.
      log.warn({ err: (err as Error).message, orderId }, 'chargeback for an order no longer in escrow');
    }
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
    try {
      await temporal.workflow
        .getHandle(payoutWorkflowId({ payoutId }))
        .signal(TRANSFER_OUTCOME_SIGNAL, outcome);
    } catch (err) {
      log.warn({ err: (err as Error).message, payoutId }, 'payout workflow not signalled');
    }
  }
}
