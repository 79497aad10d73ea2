/**
 * Every ApplicationFailure type the platform raises or branches on, in one place, and the one way a
 * workflow refuses an update. Workflows branch on these types, never on messages; the API maps the
 * update refusals to 403/409 (api/routes/update-rejection.ts).
 */
import { ApplicationFailure } from '@temporalio/common';

/** ApplicationFailure types thrown by activities; workflows branch on these, never on messages. */
export const FAILURE_TYPES = {
  outOfStock: 'OutOfStock',
  listingUnavailable: 'ListingUnavailable',
  paymentDeclined: 'PaymentDeclined',
  idempotencyMismatch: 'IdempotencyMismatch',
  ledgerUnbalanced: 'LedgerUnbalanced',
  insufficientFunds: 'InsufficientFunds',
  fraudDenied: 'FraudDenied',
} as const;

/** A provider's refusal is typed `Provider_<its code>` (activities/failures.ts). */
export const PROVIDER_REFUSAL_PREFIX = 'Provider_';

/** The provider's refusals workflows act on. */
export const PROVIDER_REFUSALS = {
  /** A void of an intent the provider says is no longer authorized (it was captured). */
  unexpectedIntentState: 'Provider_payment_intent_unexpected_state',
  /** A refund of money the cardholder's bank already took back (a chargeback). */
  chargeDisputed: 'Provider_charge_disputed',
} as const;

/** Other failures activities and workflows raise; retried or not as each says where it is raised. */
export const OTHER_FAILURE_TYPES = {
  /** The provider refused a capture after authorizing: the order fails as `capture_failed`. */
  captureFailed: 'CaptureFailed',
  /** A guarded status change found the order elsewhere (db/queries/orders.ts). */
  invalidTransition: 'InvalidTransition',
  /** The provider (or our circuit breaker) says come back later: retried after its delay. */
  providerUnavailable: 'ProviderUnavailable',
  /** A payout's transfer is still pending at the provider: the poll is retried. */
  transferPending: 'TransferPending',
  /** No carrier adapter is configured for the parcel's carrier. */
  carrierNotConfigured: 'CarrierNotConfigured',
} as const;

/** ApplicationFailure types an update's validator refuses with; the API maps them to 403/409. */
export const UPDATE_REJECTIONS = {
  forbidden: 'forbidden',
  invalidState: 'invalid_state',
  /** A malformed argument the API's schema should have caught. */
  invalid: 'invalid',
} as const;

/** ApplicationFailure types of the delivery activity that end a delivery without more attempts. */
export const SELLER_WEBHOOK_FAILURES = {
  /** The endpoint's host resolves to an address the SSRF policy refuses. */
  unsafeTarget: 'UnsafeWebhookTarget',
  /** The seller disabled the endpoint while the delivery was retrying. */
  endpointDisabled: 'WebhookEndpointDisabled',
  deliveryNotFound: 'WebhookDeliveryNotFound',
  /** Non-2xx or network error: retried. */
  attemptFailed: 'WebhookAttemptFailed',
} as const;

/** A refusal: non-retryable, typed, so callers branch on the type. */
export const reject = (type: string, message: string) =>
  ApplicationFailure.create({ type, message, nonRetryable: true });
