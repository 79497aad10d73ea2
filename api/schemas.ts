/** Wire shapes of the API contract (docs/design.md), shared by routes and the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { LISTING_FORMATS } from '../domain/auction.js';
import { ERROR_CODES, type ErrorCode } from '../domain/errors.js';
import { currencyCodes, MAX_AMOUNT_MINOR } from '../domain/money.js';
import { FAILURE_REASONS, ORDER_STATUSES } from '../domain/order.js';

export const Amount = z
  .number()
  .int()
  .positive()
  .max(MAX_AMOUNT_MINOR)
  .openapi({ example: 1999, description: 'minor units' });
export const Currency = z.enum(currencyCodes).openapi({ example: 'EUR' });
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/** The buyer's card as the provider's token: the platform never sees card numbers. */
export const PaymentMethod = z
  .string()
  .regex(/^pm_[A-Za-z0-9_]{1,64}$/, 'a provider payment-method token such as pm_card_ok');

export const Listing = z
  .object({
    id: z.string(),
    sellerId: z.string(),
    title: z.string(),
    amount: z.number().int(),
    currency: Currency,
    quantity: z.number().int(),
    available: z.number().int(),
    version: z.number().int(),
    acceptOffers: z
      .boolean()
      .openapi({ description: 'Buyers may make offers (POST /v1/listings/{id}/offers)' }),
    autoAcceptAmount: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'Unit price at or above which an offer is accepted at once' }),
    autoDeclineAmount: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'Unit price below which an offer is declined at once' }),
    format: z.enum(LISTING_FORMATS).openapi({
      description:
        '`auction`: sold to the highest bidder (GET /v1/listings/{id}/auction); `amount` is the start amount',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Listing');

export const Order = z
  .object({
    id: z.string(),
    listingId: z.string(),
    buyerId: z.string(),
    sellerId: z.string(),
    quantity: z.number().int(),
    amount: z.number().int(),
    currency: Currency,
    status: z.enum(ORDER_STATUSES),
    failureReason: z.enum(FAILURE_REASONS).optional(),
    deadlines: z.record(z.string(), z.string()),
    links: z.object({ self: z.string(), workflow: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Order');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://escrowflow.dev/problems/out_of_stock' }),
    title: z.string().openapi({ example: 'Out of stock' }),
    status: z.number().int().openapi({ example: 409 }),
    detail: z.string().openapi({ example: 'only 0 available' }),
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).openapi({
      description: 'Stable: clients branch on it',
    }),
    instance: z.string().optional().openapi({ description: 'The request path' }),
    requestId: z.string().optional().openapi({ description: 'Quote it to support' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'With `validation_failed`: each refused value' }),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'With 429 and 503: as Retry-After' }),
  })
  .openapi('Problem', {
    description: 'RFC 9457 problem details; a problem may carry more fields (e.g. `available`, `reason`)',
  });

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/**
 * Idempotency-Key: 1–255 visible ASCII characters (a UUID, a ULID, `order-42:retry`), stored per user
 * by the idempotency middleware and folded into workflow update ids.
 */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7E]{1,255}$/, 'Idempotency-Key must be 1-255 visible ASCII characters')
  .openapi({ description: 'Makes the write safe to retry', example: '7f9c1f2e-4b1d-4c3a-9d7e-2a1b3c4d5e6f' });

export const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey.optional() });

/** listings.version is a PostgreSQL integer: no listing has a version past it. */
export const VERSION_MAX = 2_147_483_647;
const VERSION_TAG = /^"?\d+"?$/;

/**
 * If-Match: a listing's version, as its ETag (`"3"`) or bare (`3`). A well-formed version past the
 * column's range is a precondition that cannot hold (412), not a malformed header (400).
 */
export const IfMatch = z
  .string()
  .max(64, 'If-Match must be the listing version')
  .regex(VERSION_TAG, 'If-Match must be the listing version, such as "3"')
  .refine((v) => !VERSION_TAG.test(v) || BigInt(v.replaceAll('"', '')) <= VERSION_MAX, {
    message: 'no listing has this version: read it again and retry with its ETag',
    params: { problem: 'precondition_failed' },
  })
  .openapi({ description: 'The listing version (its ETag)', example: '"3"' });

/** The version an If-Match names (after IfMatch accepted it). */
export const versionOf = (ifMatch: string): number => Number(ifMatch.replaceAll('"', ''));

/** Last-Event-ID: a notification id, which stays within JavaScript's safe integers. */
export const LastEventId = z
  .string()
  .regex(/^\d{1,16}$/, 'Last-Event-ID must be the id of an event')
  .refine((v) => !/^\d{1,16}$/.test(v) || Number(v) <= Number.MAX_SAFE_INTEGER, 'no event has this id')
  .openapi({ description: 'Replay the events after this id', example: '42' });

/** Request bodies are JSON: `application/json` or `application/<x>+json`, parameters allowed. */
export const JSON_MEDIA_TYPE = /^application\/([a-z.-]+\+)?json(;\s*[a-zA-Z0-9-]+=[^;]+)*$/i;

/**
 * The request headers the API reads, with their schemas: the headers middleware checks each one present
 * on every request before any middleware or handler uses it, and routes declare them for the document.
 */
export const REQUEST_HEADERS = {
  'idempotency-key': IdempotencyKey,
  'if-match': IfMatch,
  'last-event-id': LastEventId,
} as const;

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
