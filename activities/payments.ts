/** Provider calls, each with the idempotency key its workflow step derived, and its record in `payments`. */

import { newId } from '../db/new-id.js';
import { recordPayment } from '../db/queries/payments.js';
import type { Currency } from '../domain/money.js';
import type {
  AuthorizeInput,
  AuthorizeResult,
  CaptureInput,
  PaymentConfirmation,
  VoidInput,
} from '../domain/purchase.js';
import type { ActivityDeps } from './deps.js';
import { watchUntil } from './watch.js';

/**
 * Whose record a provider effect is: an offer's hold is the offer's (its order, named in the
 * intent's metadata, does not exist until the offer is accepted), anything else the order's.
 */
const recordedFor = (input: { orderId: string; offerId?: string }) =>
  input.offerId ? { offerId: input.offerId } : { orderId: input.orderId };

export function createPaymentActivities({ db, payments, metrics }: ActivityDeps) {
  return {
    async authorizePayment(input: AuthorizeInput): Promise<AuthorizeResult> {
      const intent = await payments.authorize({
        idempotencyKey: input.idempotencyKey,
        amount: input.amount,
        currency: input.currency,
        paymentMethod: input.paymentMethod,
        metadata: { orderId: input.orderId, ...(input.offerId && { offerId: input.offerId }) },
      });
      await recordPayment(db, {
        id: newId('pay'),
        ...recordedFor(input),
        kind: 'authorization',
        idempotencyKey: input.idempotencyKey,
        providerRef: intent.id,
        amount: input.amount,
        currency: input.currency,
        status: intent.status,
      });
      return {
        intentId: intent.id,
        status: intent.status === 'requires_confirmation' ? 'requires_confirmation' : 'authorized',
      };
    },

    /**
     * The polling fallback when the confirmation webhook is late: watches the intent for up to
     * 15 s (heartbeating), returning as soon as it leaves `requires_confirmation`.
     */
    async pollPaymentConfirmation({
      intentId,
    }: {
      intentId: string;
    }): Promise<PaymentConfirmation | undefined> {
      const { settled, value: intent } = await watchUntil(
        () => payments.getIntent(intentId),
        (i) => i.status !== 'requires_confirmation',
        15_000,
      );
      if (!settled) return undefined;
      return { intentId, status: intent.status === 'authorized' ? 'authorized' : 'declined' };
    },

    async capturePayment(input: CaptureInput & { orderId: string }): Promise<void> {
      const intent = await payments.capture({
        idempotencyKey: input.idempotencyKey,
        intentId: input.intentId,
        amount: input.amount,
      });
      await recordPayment(db, {
        id: newId('pay'),
        orderId: input.orderId,
        kind: 'capture',
        idempotencyKey: input.idempotencyKey,
        providerRef: intent.id,
        amount: intent.amountCaptured,
        currency: input.currency,
        status: intent.status,
      });
    },

    async voidAuthorization(
      input: VoidInput & { orderId: string; offerId?: string; currency: Currency },
    ): Promise<void> {
      const intent = await payments.void({
        idempotencyKey: input.idempotencyKey,
        intentId: input.intentId,
      });
      await recordPayment(db, {
        id: newId('pay'),
        ...recordedFor(input),
        kind: 'void',
        idempotencyKey: input.idempotencyKey,
        providerRef: intent.id,
        amount: 0,
        currency: input.currency,
        status: intent.status,
      });
    },

    async refundPayment(input: {
      idempotencyKey: string;
      orderId: string;
      intentId: string;
      amount: number;
      currency: Currency;
    }): Promise<void> {
      const refund = await payments.refund({
        idempotencyKey: input.idempotencyKey,
        intentId: input.intentId,
        amount: input.amount,
      });
      const recorded = await recordPayment(db, {
        id: newId('pay'),
        orderId: input.orderId,
        kind: 'refund',
        idempotencyKey: input.idempotencyKey,
        providerRef: refund.id,
        amount: refund.amount,
        currency: input.currency,
        status: refund.status,
      });
      if (recorded) metrics?.refund(input.currency);
    },
  };
}
