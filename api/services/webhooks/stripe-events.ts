/**
 * Stripe's webhook events: verified with `stripe.webhooks.constructEvent` (the `Stripe-Signature`
 * header, 5-minute tolerance) against each of the secrets, then mapped onto the internal events the
 * sandbox sends (api/routes/webhooks/payments.ts dispatches on these).
 */
import Stripe from 'stripe';
import type { Db } from '../../../db/client.js';
import { intentOwnerOf } from '../../../db/queries/payments.js';

const TOLERANCE_SEC = 300;

/** An event as the sandbox sends it (api/routes/webhooks/payments.ts dispatches on these). */
export interface InternalEvent {
  id: string;
  type: string;
  created?: number;
  data?: { object?: Record<string, unknown> };
}

type Verified = { ok: true; event: Stripe.Event } | { ok: false; reason: string };

/** The event once one of the secrets verifies it within the tolerance; else why not. */
export function verify(rawBody: string, header: string, secrets: readonly string[]): Verified {
  let reason = 'no_secret';
  for (const secret of secrets) {
    try {
      return { ok: true, event: Stripe.webhooks.constructEvent(rawBody, header, secret, TOLERANCE_SEC) };
    } catch (err) {
      const message = (err as Error).message;
      reason = /timestamp outside the tolerance/i.test(message)
        ? 'stale'
        : /unable to extract timestamp and signatures/i.test(message)
          ? 'malformed_header'
          : 'bad_signature';
      // A stale delivery is stale for every secret; a bad signature may verify with the next one.
      if (reason === 'stale' || reason === 'malformed_header') break;
    }
  }
  return { ok: false, reason };
}

const metadataOf = (object: { metadata?: Stripe.Metadata | null }) => ({ ...(object.metadata ?? {}) });

/**
 * Stripe's event types onto ours: an authorization that waited (3-D Secure) → payment_intent.authorized;
 * a dispute → charge.dispute.created with the order its payment belongs to (a dispute carries no
 * metadata: our payments table knows the intent); a transfer → transfer.paid, reversed → transfer.failed;
 * account.updated as it is. Undefined: an event we do not act on.
 */
export async function internalEventOf(db: Db, event: Stripe.Event): Promise<InternalEvent | undefined> {
  const base = { id: event.id, created: event.created };
  switch (event.type) {
    case 'payment_intent.amount_capturable_updated':
    case 'payment_intent.payment_failed': {
      const pi = event.data.object;
      const type =
        event.type === 'payment_intent.payment_failed'
          ? 'payment_intent.payment_failed'
          : 'payment_intent.authorized';
      return { ...base, type, data: { object: { id: pi.id, metadata: metadataOf(pi) } } };
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      const intentId =
        typeof dispute.payment_intent === 'string' ? dispute.payment_intent : dispute.payment_intent?.id;
      const orderId = intentId ? await intentOwnerOf(db, intentId) : undefined;
      return {
        ...base,
        type: event.type,
        data: {
          object: {
            id: dispute.id,
            payment_intent: intentId ?? null,
            amount: dispute.amount,
            currency: dispute.currency.toUpperCase(),
            reason: dispute.reason,
            metadata: { ...metadataOf(dispute), ...(orderId && { orderId }) },
          },
        },
      };
    }
    case 'transfer.created':
    case 'transfer.reversed': {
      const transfer = event.data.object;
      const reversed = event.type === 'transfer.reversed' || transfer.reversed;
      return {
        ...base,
        type: reversed ? 'transfer.failed' : 'transfer.paid',
        data: {
          object: {
            id: transfer.id,
            metadata: metadataOf(transfer),
            ...(reversed && { failure_code: 'transfer_reversed' }),
          },
        },
      };
    }
    case 'account.updated': {
      const account = event.data.object;
      return {
        ...base,
        type: event.type,
        data: { object: { id: account.id, payouts_enabled: account.payouts_enabled === true } },
      };
    }
    case 'charge.refunded':
      return { ...base, type: event.type, data: { object: { id: event.data.object.id } } };
    default:
      return undefined;
  }
}
