/**
 * Expected business outcomes, as plain classes with a stable `code`. The API maps them to RFC 9457
 * problem+json. A failure type naming the same outcome is the same string (domain/failures.ts).
 */
export const ERROR_CODES = {
  validation_failed: 400,
  card_data_refused: 400,
  unauthorized: 401,
  /** A sensitive operation wants a recent multi-factor login (RFC 9470 step-up, domain/step-up.ts). */
  step_up_required: 401,
  forbidden: 403,
  /** The token's holder had their personal data erased (docs/privacy.md): their tokens are refused. */
  account_erased: 403,
  not_found: 404,
  invalid_state: 409,
  idempotency_in_flight: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  webhook_replayed: 400,
  idempotency_conflict: 422,
  out_of_stock: 409,
  payment_declined: 402,
  self_purchase: 422,
  rate_limited: 429,
  internal_error: 500,
  upstream_unavailable: 503,
  unsafe_webhook_url: 422,
  /** OFFERS_PER_BUYER_PER_LISTING offers made already (ended ones count). */
  offer_limit_reached: 409,
  /** An amount outside what the rule allows (an offer at the price, a counter outside the table). */
  amount_out_of_range: 422,
  /** A bid below the auction's `minimumBid` (the extra carries it). */
  bid_too_low: 422,
  /** A bid after the auction's end. */
  auction_closed: 409,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code];
  }
}
