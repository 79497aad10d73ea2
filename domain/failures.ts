/**
 * The failure vocabulary: every ApplicationFailure type the platform raises or branches on, all in
 * snake_case and all declared here, grouped by kind. Where the API exposes the same outcome as a
 * problem code (domain/errors.ts), the type is that code. Activities throw plain errors
 * (`ExpectedFailure` below, or the adapters' own in payments/provider.ts and db/queries/); one
 * activity interceptor (activities/failure-interceptor.ts) turns them into ApplicationFailures.
 * Workflows branch on these types, never on messages, and refuse updates with `reject`; the API maps
 * the update refusals to its problem codes (api/routes/update-rejection.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorCode } from './errors.js';

/** Business outcomes of activities and workflows: never retried (workflows/options.ts). */
export const FAILURE_TYPES = {
  outOfStock: 'out_of_stock',
  listingUnavailable: 'listing_unavailable',
  paymentDeclined: 'payment_declined',
  /** The provider saw one idempotency key with other parameters: a bug on our side. */
  idempotencyMismatch: 'idempotency_mismatch',
  ledgerUnbalanced: 'ledger_unbalanced',
  insufficientFunds: 'insufficient_funds',
  fraudDenied: 'fraud_denied',
} as const;

/** A provider's refusal is typed `provider_<its code>`, its code being the provider's own (snake_case). */
export const PROVIDER_REFUSAL_PREFIX = 'provider_';

/** The provider's refusals workflows act on. */
export const PROVIDER_REFUSALS = {
  /** A void of an intent the provider says is no longer authorized (it was captured). */
  unexpectedIntentState: 'provider_payment_intent_unexpected_state',
  /** A refund of money the cardholder's bank already took back (a chargeback). */
  chargeDisputed: 'provider_charge_disputed',
} as const satisfies Record<string, `${typeof PROVIDER_REFUSAL_PREFIX}${string}`>;

/** Other failures activities and workflows raise; retried or not as each says where it is raised. */
export const OTHER_FAILURE_TYPES = {
  /** The provider refused a capture after authorizing: the order fails as `capture_failed`. */
  captureFailed: 'capture_failed',
  /** A guarded status change found the order elsewhere (db/queries/orders.ts). */
  invalidTransition: 'invalid_transition',
  /** The provider (or our circuit breaker) says come back later: retried after its delay. */
  providerUnavailable: 'upstream_unavailable',
  /** A payout's transfer is still pending at the provider: the poll is retried. */
  transferPending: 'transfer_pending',
  /** No carrier adapter is configured for the parcel's carrier. */
  carrierNotConfigured: 'carrier_not_configured',
} as const;

/** Types an update refuses with (its validator, or its handler): each is the API's problem code for it. */
export const UPDATE_REJECTIONS = {
  forbidden: 'forbidden',
  invalidState: 'invalid_state',
  /** A malformed argument the API's schema should have caught. */
  invalid: 'validation_failed',
  /** An offer's counter outside the amounts on the table (domain/offer.ts). */
  amountOutOfRange: 'amount_out_of_range',
  /** Refusals of an update's handler after it ran a step: an offer's acceptance found no stock left... */
  outOfStock: 'out_of_stock',
  /** ...or the buyer's card refused the larger hold their move needed. */
  paymentDeclined: 'payment_declined',
  /** The workflow ended without acting on the accepted update (a step refused for good): try again. */
  unavailable: 'upstream_unavailable',
} as const satisfies Record<string, ErrorCode>;

/** Failures of the seller webhook delivery activity; all but `attemptFailed` end the delivery. */
export const SELLER_WEBHOOK_FAILURES = {
  /** The endpoint's host resolves to an address the SSRF policy refuses (the API's code at sign-up). */
  unsafeTarget: 'unsafe_webhook_url',
  /** The seller disabled the endpoint while the delivery was retrying. */
  endpointDisabled: 'webhook_endpoint_disabled',
  deliveryNotFound: 'webhook_delivery_not_found',
  /** Non-2xx or network error: retried. */
  attemptFailed: 'webhook_attempt_failed',
} as const;

/** Failures of the email step of `notify` (activities/email.ts): both retried after a delay. */
export const EMAIL_FAILURES = {
  /** The user is over the burst limit: sent when the window ends. */
  rateLimited: 'email_rate_limited',
  /** The SMTP server failed transiently. */
  unavailable: 'email_unavailable',
} as const;

type ValueOf<T> = T[keyof T];
export type FailureType =
  | ValueOf<typeof FAILURE_TYPES>
  | ValueOf<typeof OTHER_FAILURE_TYPES>
  | ValueOf<typeof UPDATE_REJECTIONS>
  | ValueOf<typeof SELLER_WEBHOOK_FAILURES>
  | ValueOf<typeof EMAIL_FAILURES>
  | `${typeof PROVIDER_REFUSAL_PREFIX}${string}`;

/** Non-retryable unless it says how it may be retried. */
export interface FailureRetry {
  /** Retried under the activity's retry policy. */
  retryable?: boolean;
  /** Retried, not before this delay (it replaces the policy's backoff for this attempt). */
  retryAfterMs?: number;
}

/**
 * An expected outcome of an activity, as a plain error: the activity interceptor reports it as an
 * ApplicationFailure of `type`, non-retryable unless `retry` says otherwise. Activities throw this
 * (never an ApplicationFailure), so the vocabulary and the mapping each live in one place.
 */
export class ExpectedFailure extends Error {
  constructor(
    readonly type: FailureType,
    message: string,
    readonly retry: FailureRetry = {},
  ) {
    super(message);
    this.name = 'ExpectedFailure';
  }
}

/** A refusal inside a workflow (an update's validator, a saga step): non-retryable, typed. */
export const reject = (type: FailureType, message: string) =>
  ApplicationFailure.create({ type, message, nonRetryable: true });
