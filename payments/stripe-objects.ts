/** Stripe's objects onto ours: PaymentIntent states, refunds, transfers, connected accounts. */
import type Stripe from 'stripe';
import type { Currency } from '../domain/money.js';
import type { ConnectedAccount, Dispute, PaymentIntent, Refund, Transfer } from './provider.js';

/** One transfer group per order: the charge and whatever is transferred for it. */
export const transferGroup = (orderId: string) => `order_${orderId}`;

const upper = (currency: string) => currency.toUpperCase() as Currency;

/**
 * Stripe's PaymentIntent states onto ours. `requires_capture` is an authorization; `requires_action`
 * and `processing` wait for the `payment_intent.amount_capturable_updated` webhook (3-D Secure);
 * `requires_payment_method` after a confirmation is a failed attempt.
 */
export function intentStatusOf(pi: Stripe.PaymentIntent): PaymentIntent['status'] {
  switch (pi.status) {
    case 'requires_capture':
      return 'authorized';
    case 'succeeded':
      return 'captured';
    case 'canceled':
      return 'voided';
    case 'requires_payment_method':
      return pi.last_payment_error ? 'declined' : 'requires_confirmation';
    default:
      return 'requires_confirmation';
  }
}

/** `disputes`: the intent's disputes, when its charge is disputed (`disputes.list({ payment_intent })`). */
export function intentOf(pi: Stripe.PaymentIntent, disputes?: readonly Stripe.Dispute[]): PaymentIntent {
  const charge =
    typeof pi.latest_charge === 'object' && pi.latest_charge !== null ? pi.latest_charge : undefined;
  const declineCode = pi.last_payment_error?.decline_code ?? pi.last_payment_error?.code;
  return {
    id: pi.id,
    status: intentStatusOf(pi),
    amount: pi.amount,
    currency: upper(pi.currency),
    amountCaptured: pi.status === 'succeeded' ? pi.amount_received : 0,
    amountRefunded: charge?.amount_refunded ?? 0,
    ...(charge?.disputed && { amountDisputed: disputedOf(charge, disputes) }),
    ...(declineCode && intentStatusOf(pi) === 'declined' && { declineCode }),
    metadata: { ...pi.metadata },
    created: pi.created,
  };
}

/** Disputes whose funds Stripe withdrew and still holds; inquiries (`warning_*`) withdraw nothing. */
const WITHDRAWN: ReadonlySet<string> = new Set(['needs_response', 'under_review', 'lost']);

/**
 * What the cardholder's bank took back from a disputed charge: the disputes' own amounts, each all of
 * the charge or a part, given back once a dispute is won. A charge no longer names its disputes
 * (Stripe's API since 2022-11-15): they are listed by payment intent. Without them, all that was not
 * refunded is taken for lost (the most it can be).
 */
function disputedOf(charge: Stripe.Charge, disputes: readonly Stripe.Dispute[] | undefined): number {
  if (!disputes) return charge.amount_captured - charge.amount_refunded;
  return disputes.reduce((sum, d) => sum + (WITHDRAWN.has(d.status) ? d.amount : 0), 0);
}

export function disputeOf(dispute: Stripe.Dispute): Dispute {
  const pi = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : dispute.payment_intent?.id;
  return { id: dispute.id, intentId: pi ?? '', amount: dispute.amount, currency: upper(dispute.currency) };
}

export function refundOf(refund: Stripe.Refund, intentId?: string): Refund {
  const pi = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
  return {
    id: refund.id,
    intentId: pi ?? intentId ?? '',
    amount: refund.amount,
    currency: upper(refund.currency),
    // A pending refund is committed at Stripe; only failed and canceled ones gave nothing back.
    status: refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'succeeded',
  };
}

/**
 * A transfer moves the money into the connected account at once (Stripe then pays the seller's bank
 * on the account's schedule); it fails only by being reversed.
 */
export function transferOf(transfer: Stripe.Transfer): Transfer {
  const destination =
    typeof transfer.destination === 'string' ? transfer.destination : (transfer.destination?.id ?? '');
  return {
    id: transfer.id,
    destination,
    amount: transfer.amount,
    currency: upper(transfer.currency),
    status: transfer.reversed ? 'failed' : 'paid',
    ...(transfer.reversed && { failureCode: 'transfer_reversed' }),
    metadata: { ...transfer.metadata },
    created: transfer.created,
  };
}

export function accountOf(account: Stripe.Account): ConnectedAccount {
  return {
    id: account.id,
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    ...(account.metadata?.sellerId && { sellerId: account.metadata.sellerId }),
  };
}
