/** RFC 9457 problem+json: every error leaves the API in this one shape with a stable `code`. */
import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, ERROR_CODES, type ErrorCode } from '../domain/errors.js';
import { isDependencyOutage, OUTAGE_RETRY_AFTER_SECONDS } from './dependency-outage.js';

export const PROBLEM_BASE = 'https://escrowflow.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  [extra: string]: unknown;
}

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Request validation failed',
  card_data_refused: 'Card data refused',
  unauthorized: 'Authentication required',
  step_up_required: 'A recent multi-factor login is required',
  forbidden: 'Not allowed',
  account_erased: 'Account erased',
  not_found: 'Not found',
  invalid_state: 'Not allowed in the current state',
  idempotency_in_flight: 'A request with this Idempotency-Key is still in flight',
  precondition_failed: 'Precondition failed',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  webhook_replayed: 'Webhook delivery replayed',
  idempotency_conflict: 'Idempotency-Key reused with a different request',
  out_of_stock: 'Out of stock',
  payment_declined: 'Payment declined',
  self_purchase: 'Sellers cannot buy their own listing',
  rate_limited: 'Too many requests',
  internal_error: 'Internal error',
  upstream_unavailable: 'A dependency is unavailable',
  unsafe_webhook_url: 'Webhook URL points where webhooks may not go',
  offer_limit_reached: 'Offer limit reached for this listing',
  amount_out_of_range: 'Amount out of range',
  bid_too_low: 'Bid below the minimum bid',
  auction_closed: 'The auction has ended',
};

export function problemBody(
  c: Context,
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: PROBLEM_BASE + code,
    title: TITLES[code],
    status: ERROR_CODES[code],
    detail,
    code,
    instance: c.req.path,
    requestId: c.get('requestId') as string | undefined,
    ...extra,
  };
}

export function problem(
  c: Context,
  code: ErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const body = problemBody(c, code, detail, extra);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}

/**
 * A request that failed its schema: 400 `validation_failed` listing each issue, or the problem every
 * issue names (a refinement's `params: { problem }`, e.g. If-Match's `precondition_failed`).
 */
export function validationProblem(c: Context, issues: readonly z.core.$ZodIssue[], at?: string): Response {
  const errors = issues.map((i) => ({
    path: [at, ...i.path].filter((p) => p !== undefined).join('.'),
    message: i.message,
  }));
  const detail = errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ');
  const named = issues.map((i) => (i.code === 'custom' ? i.params?.problem : undefined));
  const code: ErrorCode = named.every((p) => p === 'precondition_failed')
    ? 'precondition_failed'
    : 'validation_failed';
  return problem(c, code, detail, { errors });
}

/**
 * The app's onError: domain errors keep their code, a dependency's outage is a 503 to retry, anything
 * unexpected is a 500 without internals.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof DomainError) {
    const res = problem(c, err.code, err.message, err.extra);
    // A refusal that says when to come back (`retryAfterSeconds`) says it in the header too.
    if (typeof err.extra.retryAfterSeconds === 'number')
      res.headers.set('Retry-After', String(err.extra.retryAfterSeconds));
    return res;
  }
  if (err instanceof HTTPException) {
    if (err.status === 401)
      return problem(c, 'unauthorized', err.message || 'missing or invalid bearer token');
    if (err.status === 413) return problem(c, 'payload_too_large', 'request body too large');
    if (err.status === 415)
      return problem(c, 'unsupported_media_type', 'send the request body as application/json');
    return problem(c, err.status >= 500 ? 'internal_error' : 'validation_failed', err.message);
  }
  if (err instanceof SyntaxError) return problem(c, 'validation_failed', 'request body is not valid JSON');
  if (isDependencyOutage(err)) {
    c.get('log')?.warn({ err }, 'a dependency is unavailable');
    const res = problem(c, 'upstream_unavailable', 'a dependency is briefly unavailable; try again');
    res.headers.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    return res;
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return problem(c, 'internal_error', 'an unexpected error occurred');
}
