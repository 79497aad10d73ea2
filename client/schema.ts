/**
 * Generated from the API's OpenAPI document by client/generate.ts (npm run client:generate).
 * Do not edit: client/generate.test.ts fails when this file and the document disagree.
 */
export interface paths {
  '/v1/disputes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a dispute and its evidence (its parties or an operator) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The dispute */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Dispute'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such dispute visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/disputes/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept the dispute (seller): the buyer is refunded in full */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Resolved for the buyer */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Dispute'];
          };
        };
        /** @description Invalid body; or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not allowed for you; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such dispute visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not possible in the dispute’s current state; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/disputes/{id}/evidence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add evidence (buyer or seller); the seller’s first evidence contests the dispute */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            links?: string[];
            text: string;
          };
        };
      };
      responses: {
        /** @description Evidence added */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Dispute'];
          };
        };
        /** @description Invalid body; or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not allowed for you; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such dispute visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not possible in the dispute’s current state; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/disputes/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resolve a dispute (operator): refund, release, or split with a partial refund
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            note?: string;
            /** @enum {string} */
            outcome: 'refund' | 'release' | 'split';
            refundAmount?: number;
            restock?: boolean;
          };
        };
      };
      responses: {
        /** @description Resolved */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Dispute'];
          };
        };
        /** @description Invalid body; or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not allowed for you; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such dispute visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not possible in the dispute’s current state; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Live notifications of my orders (SSE); `Last-Event-ID` replays what I missed */
    get: {
      parameters: {
        query?: {
          /** @description Replay the events after this id */
          lastEventId?: string;
        };
        header?: {
          /** @description Replay the events after this id */
          'last-event-id'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description An event stream */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'text/event-stream': string;
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid token; or: No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/listings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List listings, newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          sellerId?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of listings */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Listing'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Invalid query; or: A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Create a listing (the caller is the seller) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Buyers may make offers (default false) */
            acceptOffers?: boolean;
            /**
             * @description The unit price; required but for an auction, whose amount is its start amount
             * @example 1999
             */
            amount?: number;
            /** @description With format auction (and only then) */
            auction?: {
              /**
               * @description Default 100
               * @example 1999
               */
              bidIncrement?: number;
              /**
               * Format: date-time
               * @description The planned end (RFC 3339), in the future
               */
              endsAt: string;
              /**
               * @description Not sold below it; at least the start amount
               * @example 1999
               */
              reserveAmount?: number;
              /**
               * @description minor units
               * @example 1999
               */
              startAmount: number;
            };
            /**
             * @description Unit price at or above which an offer is accepted at once; below `amount`
             * @example 1999
             */
            autoAcceptAmount?: number;
            /**
             * @description Unit price below which an offer is declined at once; below `amount`
             * @example 1999
             */
            autoDeclineAmount?: number;
            /**
             * @example EUR
             * @enum {string}
             */
            currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
            /**
             * @description Default fixed_price
             * @enum {string}
             */
            format?: 'fixed_price' | 'auction';
            quantity: number;
            title: string;
          };
        };
      };
      responses: {
        /** @description Created */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Listing'];
          };
        };
        /** @description Invalid body: no amount for a fixed price; an auction of more than one unit, taking offers, without its terms or ending in the past or past 30 days (`validation_failed`); or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Offer thresholds not below the price, decline above accept, or set without acceptOffers; an auction’s reserve below its start or an amount other than its start (`amount_out_of_range`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/listings/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a listing */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The listing */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Listing'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such listing; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Update a listing with optimistic concurrency (If-Match: <version>) */
    patch: {
      parameters: {
        query?: never;
        header: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
          /** @description The listing version (its ETag) */
          'if-match': string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * @description minor units
             * @example 1999
             */
            amount?: number;
            quantity?: number;
            title?: string;
          };
        };
      };
      responses: {
        /** @description Updated */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Listing'];
          };
        };
        /** @description Invalid body or If-Match; or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such listing of yours; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Quantity below what is sold or reserved, or an auction listing (`invalid_state`); or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Stale version */
        412: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not application/json; or: The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A price at or below the listing’s offer thresholds (`amount_out_of_range`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    trace?: never;
  };
  '/v1/listings/{id}/auction': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an auction: price, minimum bid, whether the caller leads, the end and the outcome */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The auction */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Auction'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such auction; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/listings/{id}/bids': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Bid on an auction (binding: the winner’s card is charged at the end) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * @description At least the auction’s minimumBid
             * @example 1999
             */
            maxAmount: number;
            paymentMethod: string;
          };
        };
      };
      responses: {
        /** @description The bid, leading or at once outbid by a higher maximum */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Bid'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such auction; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The auction has ended (`auction_closed`); or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Below the minimum bid (`bid_too_low`, with `minimumBid`), or the seller’s own auction (`self_purchase`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/listings/{id}/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make an offer on a listing (the buyer’s card is held for the amount) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * @description For the whole quantity, below the listing’s price for it
             * @example 1999
             */
            amount: number;
            paymentMethod: string;
            /** @description Default 1 */
            quantity?: number;
          };
        };
      };
      responses: {
        /** @description The offer, once its hold is known: pending, failed (card declined), or accepted/declined by the listing’s thresholds */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Offer'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such listing; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Out of stock (`out_of_stock`), the per-buyer limit reached (`offer_limit_reached`), or the listing takes no offers (`invalid_state`); or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Own listing (`self_purchase`) or an amount not below the price (`amount_out_of_range`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The offer could not be started (nothing is held): retry with the same Idempotency-Key */
        503: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/data-exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Export everything held about me: answered pending; GET it until ready (kept 7 days). While one is pending, that one is answered */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Being gathered */
        202: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DataExport'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/data-exports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My data export: pending, or ready with the document until it expires */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The export */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DataExport'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such export of mine, or it expired; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/erasure': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My erasure and what it waits for */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The erasure */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Erasure'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description I have not asked for one */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Erase my personal data: `done` at once when nothing of mine is open, else `waiting` for what `waitingFor` lists (it looks again hourly, and whenever I ask again). Financial records stay under my user id; afterwards my tokens get 403 account_erased */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The erasure */
        202: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Erasure'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/notification-preferences': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My email address and notification preferences */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Settings */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['NotificationSettings'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid token; or: No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /**
     * Set my email address (null removes it) and upsert preferences per channel and event type
     * @description **Step-up (RFC 9470) when it changes `email`:** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    put: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': components['schemas']['NotificationSettingsChange'];
        };
      };
      responses: {
        /** @description The settings now in force */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['NotificationSettings'];
          };
        };
        /** @description Invalid address, event type, channel or a repeated preference; or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid token; or: No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My offers, made (buyer) or received (seller), newest first */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          role?: 'buyer' | 'seller';
          status?: 'pending' | 'countered' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'failed';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of offers */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Offer'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Invalid query; or: A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an offer (its buyer, its seller or an operator) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The offer */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Offer'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such offer visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept the other party’s last amount: an order at that amount */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The offer after the move */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Offer'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The buyer’s card refused the hold for the new amount (`payment_declined`) */
        402: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such offer visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not your turn, or the offer has ended (`invalid_state`); sold out (`out_of_stock`); or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A counter outside the amounts on the table (`amount_out_of_range`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/{id}/counter': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Counter with another amount (the party whose turn it is) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * @description Strictly between the buyer’s last amount and the seller’s
             * @example 1999
             */
            amount: number;
          };
        };
      };
      responses: {
        /** @description The offer after the move */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Offer'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The buyer’s card refused the hold for the new amount (`payment_declined`) */
        402: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such offer visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not your turn, or the offer has ended (`invalid_state`); sold out (`out_of_stock`); or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A counter outside the amounts on the table (`amount_out_of_range`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/{id}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline the offer (the party whose turn it is) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The offer after the move */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Offer'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The buyer’s card refused the hold for the new amount (`payment_declined`) */
        402: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such offer visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not your turn, or the offer has ended (`invalid_state`); sold out (`out_of_stock`); or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A counter outside the amounts on the table (`amount_out_of_range`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/offers/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw the offer (the buyer, on the seller’s turn) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The offer after the move */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Offer'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The buyer’s card refused the hold for the new amount (`payment_declined`) */
        402: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such offer visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not your turn, or the offer has ended (`invalid_state`); sold out (`out_of_stock`); or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description A counter outside the amounts on the table (`amount_out_of_range`); or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/auctions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All auctions, filtered by status, result, seller, winner, bidder, listing and time since their last change */
    get: {
      parameters: {
        query?: {
          /** @description Auctions this user bid on */
          bidderId?: string;
          /** @description The winner (the buyer of the sale) */
          buyerId?: string;
          cursor?: string;
          limit?: number;
          listingId?: string;
          olderThan?: string;
          result?: 'sold' | 'unsold' | 'payment_failed';
          sellerId?: string;
          status?: 'open' | 'ended';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of auctions, newest first */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['OpsAuction'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Invalid query; or: A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/disputes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All disputes, filtered by status, seller, buyer and age */
    get: {
      parameters: {
        query?: {
          buyerId?: string;
          limit?: number;
          olderThan?: string;
          sellerId?: string;
          status?: 'open' | 'seller_responded' | 'escalated' | 'resolved';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Disputes, newest first */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: (components['schemas']['Dispute'] & {
                buyerId: string;
                sellerId: string;
              })[];
            };
          };
        };
        /** @description Invalid query; or: A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/offers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All offers, filtered by status, seller, buyer, listing and time since their last change */
    get: {
      parameters: {
        query?: {
          buyerId?: string;
          cursor?: string;
          limit?: number;
          listingId?: string;
          olderThan?: string;
          sellerId?: string;
          status?: 'pending' | 'countered' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'failed';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of offers, newest first */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Offer'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Invalid query; or: A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All orders, filtered by status, seller, buyer and time since their last change */
    get: {
      parameters: {
        query?: {
          buyerId?: string;
          cursor?: string;
          limit?: number;
          olderThan?: string;
          sellerId?: string;
          status?:
            | 'pending'
            | 'reserved'
            | 'authorized'
            | 'paid'
            | 'shipped'
            | 'delivered'
            | 'disputed'
            | 'failed'
            | 'cancelled'
            | 'completed'
            | 'refunded'
            | 'split';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of orders */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Order'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Invalid query; or: A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/orders/{id}/fraud-review': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Allow or deny a purchase the fraud screen held for review
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            decision: 'allow' | 'deny';
            note?: string;
          };
        };
      };
      responses: {
        /** @description Decided */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not waiting for a fraud review; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/orders/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An order’s full story: its events, its workflows (status, current details) and operator actions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The timeline */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Timeline'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/reconciliation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Reconciliation reports, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Reports */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['ReconciliationReport'][];
            };
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Reconcile a period now (at most 31 days) and answer with the report
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
          };
        };
      };
      responses: {
        /** @description The report */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ReconciliationReport'];
          };
        };
        /** @description Invalid period; or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ops/reconciliation/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One reconciliation report */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The report */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ReconciliationReport'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Operators only; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such report; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My orders, as buyer, seller or both */
    get: {
      parameters: {
        query?: {
          cursor?: string;
          limit?: number;
          role?: 'buyer' | 'seller';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description A page of orders */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Order'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Invalid query; or: A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Buy a listing */
    post: {
      parameters: {
        query?: {
          wait?: 'payment';
        };
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            listingId: string;
            paymentMethod: string;
            quantity: number;
          };
        };
      };
      responses: {
        /** @description Payment outcome known (with wait=payment) */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Accepted: the purchase runs */
        202: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such listing */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Out of stock; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Own listing; or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The purchase could not be started (the order is failed, not_started): retry */
        503: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an order (its buyer, its seller or an operator) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The order */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order visible to you; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel before shipment (buyer or seller): full refund and restock */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Cancelled */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description Payment still in progress: the purchase is being cancelled */
        202: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not a party of the order; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Already shipped or final; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/confirm-delivery': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm delivery (buyer); starts the dispute window */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Delivered */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not the buyer; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not shipped; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/disputes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Open a dispute (buyer, after shipment until the dispute window closes); escrow release pauses */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            description: string;
            /** @enum {string} */
            reason: 'not_received' | 'not_as_described' | 'other';
          };
        };
      };
      responses: {
        /** @description The dispute */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Dispute'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not the buyer; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not disputable in its current state; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{id}/ship': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark an order shipped (seller) */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            carrier: string;
            trackingNumber: string;
          };
        };
      };
      responses: {
        /** @description Shipped */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Order'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not the seller; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such order; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Not in a state that can ship; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payouts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pay out my available balance in a currency (all of it unless amount is given)
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * @description minor units
             * @example 1999
             */
            amount?: number;
            /**
             * @example EUR
             * @enum {string}
             */
            currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
          };
        };
      };
      responses: {
        /** @description Payout started */
        202: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Payout'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Payouts not enabled, below the minimum, or more than available; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/payouts/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read one of my payouts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description The payout */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Payout'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such payout of yours; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sellers/me/balance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My balances per currency: in escrow, available, in transit, paid out */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Balances */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              balances: components['schemas']['Balance'][];
            };
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sellers/me/payout-account': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My connected account and whether payouts to it are enabled */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Payout account */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PayoutAccount'];
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /**
     * Link my existing connected account at the provider (payouts follow its onboarding state)
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    put: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            accountId: string;
          };
        };
      };
      responses: {
        /** @description Linked */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PayoutAccount'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The account was not made for this seller; or: The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The account is linked to another seller; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    /**
     * Create my connected account at the provider and get its onboarding link
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Account exists: a new link */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PayoutOnboarding'];
          };
        };
        /** @description Account created */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PayoutOnboarding'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** My webhook endpoints (without their secrets) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Endpoints, newest first */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['WebhookEndpoint'][];
            };
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /**
     * Register a URL that receives my events, signed
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    post: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description Event types to send (e.g. order.sold, order.shipped); omitted or empty: all */
            eventTypes?: string[];
            /** @example https://shop.example.com/hooks/escrowflow */
            url: string;
          };
        };
      };
      responses: {
        /** @description Registered */
        201: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WebhookEndpoint'] & {
              /** @description Signing secret (Escrowflow-Signature); shown only here */
              secret: string;
            };
          };
        };
        /** @description Not an http(s) URL, credentials in it, or too long; or: A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Too many active endpoints; or: The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The host does not resolve, or resolves to an address webhooks may not reach; or: This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-endpoints/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Disable one of my webhook endpoints
     * @description **Step-up (RFC 9470):** needs a recent multi-factor login, a token whose `amr` holds `mfa`, `otp`, `hwk` and whose `auth_time` is at most `STEP_UP_MAX_AGE_S` (300 s by default) old. Otherwise 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`: log in again at the identity provider with that `max_age` and `acr_values`, then retry.
     */
    delete: {
      parameters: {
        query?: never;
        header?: {
          /** @description Makes the write safe to retry */
          'idempotency-key'?: string;
        };
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Disabled */
        200: {
          headers: {
            'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WebhookEndpoint'];
          };
        };
        /** @description A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'WWW-Authenticate': components['headers']['WWW-Authenticate'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such endpoint of yours; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it */
        409: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is larger than 64 KiB (`payload_too_large`) */
        413: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The body is not `application/json` (`unsupported_media_type`) */
        415: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description This Idempotency-Key was used with a different request (`idempotency_conflict`) */
        422: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-endpoints/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An endpoint's newest deliveries and their attempts (owner or operator) */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deliveries, newest first */
        200: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['WebhookDelivery'][];
            };
          };
        };
        /** @description A path, query or header value its schema refuses (`validation_failed`) */
        400: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No valid bearer token (`unauthorized`) */
        401: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description The token belongs to an account whose personal data was erased (`account_erased`) */
        403: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description No such endpoint of yours; or: No such resource visible to you (`not_found`) */
        404: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
        /** @description Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back */
        429: {
          headers: {
            'RateLimit-Limit': components['headers']['RateLimit-Limit'];
            'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
            'RateLimit-Reset': components['headers']['RateLimit-Reset'];
            'Retry-After': components['headers']['Retry-After'];
            [name: string]: unknown;
          };
          content: {
            'application/problem+json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Auction: {
      bidCount: number;
      /**
       * @example EUR
       * @enum {string}
       */
      currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
      currentPrice: number;
      endsAt: string;
      /** @description The caller holds the highest maximum */
      leading: boolean;
      listingId: string;
      /** @description The lowest maximum the caller may bid now */
      minimumBid: number;
      /** @description Once the auction has settled: sold, unsold, or payment_failed */
      outcome?: {
        /** @description To the winner and the seller */
        orderId?: string;
        /** @enum {string} */
        result: 'sold' | 'unsold' | 'payment_failed';
        /** @description To the winner and the seller */
        winnerId?: string;
      };
      reserveMet: boolean;
      /** @enum {string} */
      status: 'open' | 'ended';
    };
    Balance: {
      available: number;
      /**
       * @example EUR
       * @enum {string}
       */
      currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
      escrow: number;
      inTransit: number;
      paidOut: number;
    };
    Bid: {
      bidderId: string;
      /** @description The price after this bid */
      currentPrice: number;
      /** @description The end after this bid (a bid in the soft close moves it) */
      endsAt: string;
      id: string;
      listingId: string;
      /** @description The most the bidder will pay; the proxy bids up to it */
      maxAmount: number;
      /**
       * @description As this bid left the auction
       * @enum {string}
       */
      status: 'leading' | 'outbid';
    };
    DataExport: {
      createdAt: string;
      data?: components['schemas']['PersonalData'];
      /** @description When ready: the document is deleted then */
      expiresAt?: string;
      id: string;
      /** @enum {string} */
      status: 'pending' | 'ready';
    };
    Dispute: {
      createdAt: string;
      currency: string;
      description: string;
      evidence: {
        authorId: string;
        createdAt: string;
        id: string;
        links: string[];
        text: string;
      }[];
      id: string;
      links: {
        order: string;
        self: string;
        workflow: string;
      };
      openedBy: string;
      orderId: string;
      /** @enum {string} */
      outcome?: 'refund' | 'release' | 'split';
      /** @enum {string} */
      reason: 'not_received' | 'not_as_described' | 'other' | 'chargeback';
      refundAmount?: number;
      /** @enum {string} */
      status: 'open' | 'seller_responded' | 'escalated' | 'resolved';
      updatedAt: string;
    };
    Erasure: {
      id: string;
      requestedAt: string;
      /** @enum {string} */
      status: 'waiting' | 'done';
      /** @description What is still open (as last looked at) */
      waitingFor: components['schemas']['ErasureOpenItem'][];
    };
    ErasureOpenItem: {
      id: string;
      /** @enum {string} */
      kind: 'order' | 'offer' | 'auction' | 'dispute' | 'payout';
      status: string;
    };
    Listing: {
      /** @description Buyers may make offers (POST /v1/listings/{id}/offers) */
      acceptOffers: boolean;
      amount: number;
      /** @description Unit price at or above which an offer is accepted at once */
      autoAcceptAmount?: number;
      /** @description Unit price below which an offer is declined at once */
      autoDeclineAmount?: number;
      available: number;
      createdAt: string;
      /**
       * @example EUR
       * @enum {string}
       */
      currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
      /**
       * @description `auction`: sold to the highest bidder (GET /v1/listings/{id}/auction); `amount` is the start amount
       * @enum {string}
       */
      format: 'fixed_price' | 'auction';
      id: string;
      quantity: number;
      sellerId: string;
      title: string;
      updatedAt: string;
      version: number;
    };
    NotificationPreference: {
      /** @enum {string} */
      channel: 'in_app' | 'email';
      enabled: boolean;
      /** @example order.paid */
      eventType: string;
    };
    NotificationSettings: {
      /** @description Where email notifications go; null: in-app only */
      email: string | null;
      /** @description Per channel and event type; the exact type wins over `*`; with no row a channel is on */
      preferences: components['schemas']['NotificationPreference'][];
    };
    NotificationSettingsChange: {
      /**
       * Format: email
       * @example ada@example.com
       */
      email?: string | null;
      preferences?: components['schemas']['NotificationPreference'][];
    };
    Offer: {
      /** @description The amount on the table (the last move’s), for the quantity */
      amount: number;
      buyerId: string;
      createdAt: string;
      /**
       * @example EUR
       * @enum {string}
       */
      currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
      /** @description When a live offer expires (null before its hold) */
      expiresAt: string | null;
      /** @enum {string} */
      failureReason?: 'payment_declined';
      history: {
        /** @enum {string} */
        action: 'offer' | 'counter' | 'accept' | 'decline' | 'withdraw' | 'expire';
        amount: number;
        at: string;
        /** @enum {string} */
        by: 'buyer' | 'seller' | 'system';
      }[];
      id: string;
      links: {
        self: string;
        workflow: string;
      };
      listingId: string;
      /** @description The order an acceptance placed */
      orderId?: string;
      quantity: number;
      /**
       * @description Why it was declined
       * @enum {string}
       */
      reason?: 'seller_declined' | 'buyer_declined' | 'auto_declined' | 'sold_out';
      sellerId: string;
      /** @enum {string} */
      status: 'pending' | 'countered' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'failed';
      /** @enum {string} */
      turn: 'seller' | 'buyer' | 'none';
      updatedAt: string;
    };
    OpsAuction: {
      bidCount: number;
      bidIncrement: number;
      createdAt: string;
      /**
       * @example EUR
       * @enum {string}
       */
      currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
      currentPrice: number;
      /** @description The end, as bids in the soft close left it */
      endsAt: string;
      /** @description The bidder holding the highest maximum */
      leaderId?: string;
      links: {
        self: string;
        timeline?: string;
        workflow: string;
      };
      listingId: string;
      /** @description The sale’s order (the second chance’s if it came to that) */
      orderId?: string;
      reserveAmount?: number;
      reserveMet: boolean;
      /**
       * @description Once the sale is settled
       * @enum {string}
       */
      result?: 'sold' | 'unsold' | 'payment_failed';
      sellerId: string;
      startAmount: number;
      /** @enum {string} */
      status: 'open' | 'ended';
      updatedAt: string;
      winnerId?: string;
    };
    Order: {
      amount: number;
      buyerId: string;
      createdAt: string;
      /**
       * @example EUR
       * @enum {string}
       */
      currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
      deadlines: {
        [key: string]: string;
      };
      /** @enum {string} */
      failureReason?:
        | 'out_of_stock'
        | 'payment_declined'
        | 'fraud_denied'
        | 'capture_failed'
        | 'cancelled'
        | 'listing_unavailable'
        | 'not_started'
        | 'expired';
      id: string;
      links: {
        self: string;
        workflow: string;
      };
      listingId: string;
      quantity: number;
      sellerId: string;
      /** @enum {string} */
      status:
        | 'pending'
        | 'reserved'
        | 'authorized'
        | 'paid'
        | 'shipped'
        | 'delivered'
        | 'disputed'
        | 'failed'
        | 'cancelled'
        | 'completed'
        | 'refunded'
        | 'split';
      updatedAt: string;
    };
    Payout: {
      amount: number;
      createdAt: string;
      /**
       * @example EUR
       * @enum {string}
       */
      currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
      failureCode?: string;
      id: string;
      /** @enum {string} */
      status: 'pending' | 'in_transit' | 'paid' | 'failed';
    };
    PayoutAccount: {
      accountId: string | null;
      payoutEnabled: boolean;
    };
    PayoutOnboarding: {
      accountId: string;
      /** Format: date-time */
      onboardingExpiresAt: string;
      /** Format: uri */
      onboardingUrl: string;
      payoutEnabled: boolean;
    };
    /** @description When ready */
    PersonalData: {
      /** @description The auctions I sell */
      auctions: {
        [key: string]: unknown;
      }[];
      /** @description Audit rows by me or about me, my orders and my disputes */
      auditLog: {
        [key: string]: unknown;
      }[];
      balances: {
        [key: string]: unknown;
      }[];
      /** @description My bids */
      bids: {
        [key: string]: unknown;
      }[];
      /** @description On my orders, each with its `evidence` */
      disputes: {
        [key: string]: unknown;
      }[];
      /** @description The emails log: address, subject, status */
      emails: {
        [key: string]: unknown;
      }[];
      /** @enum {string} */
      format: 'escrowflow.personal-data.v1';
      generatedAt: string;
      listings: {
        [key: string]: unknown;
      }[];
      notificationPreferences: {
        [key: string]: unknown;
      }[];
      notifications: {
        [key: string]: unknown;
      }[];
      offers: {
        [key: string]: unknown;
      }[];
      /** @description Each with its `events` */
      ordersAsBuyer: {
        [key: string]: unknown;
      }[];
      /** @description Each with its `events`; the buyer's payment method left out */
      ordersAsSeller: {
        [key: string]: unknown;
      }[];
      payouts: {
        [key: string]: unknown;
      }[];
      user: {
        [key: string]: unknown;
      };
      userId: string;
      webhookDeliveries: {
        [key: string]: unknown;
      }[];
      /** @description Never their signing secrets */
      webhookEndpoints: {
        [key: string]: unknown;
      }[];
    };
    /** @description RFC 9457 problem details; a problem may carry more fields (e.g. `available`, `reason`) */
    Problem: {
      /**
       * @description Stable: clients branch on it
       * @enum {string}
       */
      code:
        | 'validation_failed'
        | 'card_data_refused'
        | 'unauthorized'
        | 'step_up_required'
        | 'forbidden'
        | 'account_erased'
        | 'not_found'
        | 'invalid_state'
        | 'idempotency_in_flight'
        | 'precondition_failed'
        | 'payload_too_large'
        | 'unsupported_media_type'
        | 'webhook_replayed'
        | 'idempotency_conflict'
        | 'out_of_stock'
        | 'payment_declined'
        | 'self_purchase'
        | 'rate_limited'
        | 'internal_error'
        | 'upstream_unavailable'
        | 'unsafe_webhook_url'
        | 'offer_limit_reached'
        | 'amount_out_of_range'
        | 'bid_too_low'
        | 'auction_closed';
      /** @example only 0 available */
      detail: string;
      /** @description With `validation_failed`: each refused value */
      errors?: {
        message: string;
        path: string;
      }[];
      /** @description The request path */
      instance?: string;
      /** @description Quote it to support */
      requestId?: string;
      /** @description With 429 and 503: as Retry-After */
      retryAfterSeconds?: number;
      /** @example 409 */
      status: number;
      /** @example Out of stock */
      title: string;
      /** @example https://escrowflow.dev/problems/out_of_stock */
      type: string;
    };
    ReconciliationReport: {
      counts: {
        [key: string]: number;
      };
      createdAt: string;
      id: string;
      mismatches: {
        /** @enum {string} */
        kind:
          | 'missing_capture'
          | 'capture_not_in_ledger'
          | 'amount_differs'
          | 'refund_differs'
          | 'orphan_transfer'
          | 'missing_transfer'
          | 'transfer_differs'
          | 'stranded_escrow'
          | 'chargeback_unrecovered'
          | 'stranded_hold';
        /** @description The offer a stranded_hold was held for */
        offerId?: string;
        orderId?: string;
        ours?: number | string;
        payoutId?: string;
        ref: string;
        theirs?: number | string;
      }[];
      periodEnd: string;
      periodStart: string;
      /** @enum {string} */
      status: 'clean' | 'mismatches';
    };
    Timeline: {
      /** @description The offer or auction the order was born from, before its own events */
      origin?:
        | {
            /** @description The agreed amount, for the quantity */
            amount: number;
            /**
             * @example EUR
             * @enum {string}
             */
            currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
            events: {
              amount?: number;
              at: string;
              bidCount?: number;
              buyerId?: string;
              /**
               * @description Who moved (offers)
               * @enum {string}
               */
              by?: 'buyer' | 'seller' | 'system';
              orderId?: string;
              /**
               * @description The auction order’s status now
               * @enum {string}
               */
              status?:
                | 'pending'
                | 'reserved'
                | 'authorized'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'disputed'
                | 'failed'
                | 'cancelled'
                | 'completed'
                | 'refunded'
                | 'split';
              /** @description offer.made|countered|accepted|declined|withdrawn|expired, or auction.listed|ended|winner_order|second_chance */
              type: string;
            }[];
            /** @enum {string} */
            kind: 'offer';
            offerId: string;
            quantity: number;
            /** @enum {string} */
            status: 'pending' | 'countered' | 'accepted' | 'declined' | 'expired' | 'withdrawn' | 'failed';
            workflowId: string;
          }
        | {
            bidCount: number;
            /**
             * @example EUR
             * @enum {string}
             */
            currency: 'EUR' | 'USD' | 'GBP' | 'CHF' | 'SEK' | 'PLN' | 'JPY' | 'BHD';
            endsAt: string;
            events: {
              amount?: number;
              at: string;
              bidCount?: number;
              buyerId?: string;
              /**
               * @description Who moved (offers)
               * @enum {string}
               */
              by?: 'buyer' | 'seller' | 'system';
              orderId?: string;
              /**
               * @description The auction order’s status now
               * @enum {string}
               */
              status?:
                | 'pending'
                | 'reserved'
                | 'authorized'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'disputed'
                | 'failed'
                | 'cancelled'
                | 'completed'
                | 'refunded'
                | 'split';
              /** @description offer.made|countered|accepted|declined|withdrawn|expired, or auction.listed|ended|winner_order|second_chance */
              type: string;
            }[];
            /** @description The proxy price when the auction ended */
            finalPrice: number;
            /** @enum {string} */
            kind: 'auction';
            listingId: string;
            orders: {
              amount: number;
              at: string;
              /** @description 1: the winner, 2: the second chance */
              attempt: 1 | 2;
              buyerId: string;
              orderId: string;
              /** @enum {string} */
              status:
                | 'pending'
                | 'reserved'
                | 'authorized'
                | 'paid'
                | 'shipped'
                | 'delivered'
                | 'disputed'
                | 'failed'
                | 'cancelled'
                | 'completed'
                | 'refunded'
                | 'split';
            }[];
            reserveAmount?: number;
            /** @enum {string} */
            result?: 'sold' | 'unsold' | 'payment_failed';
            startAmount: number;
            /** @enum {string} */
            status: 'open' | 'ended';
            winnerId?: string;
            workflowId: string;
          };
    } & {
      [key: string]: unknown;
    };
    WebhookDelivery: {
      attemptLog: {
        at: string;
        attempt: number;
        durationMs: number;
        error: string | null;
        statusCode: number | null;
      }[];
      attempts: number;
      createdAt: string;
      deliveredAt: string | null;
      eventId: string;
      eventKey: string;
      eventType: string;
      id: string;
      lastError: string | null;
      lastStatusCode: number | null;
      /** @enum {string} */
      status: 'pending' | 'delivered' | 'failed' | 'refused';
    };
    WebhookEndpoint: {
      createdAt: string;
      /** @description Event types sent; empty means all */
      eventTypes: string[];
      id: string;
      /** @enum {string} */
      status: 'active' | 'disabled';
      url: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
    'Idempotent-Replayed': string;
    /** @description Requests allowed per minute (per client address or per user) */
    'RateLimit-Limit': number;
    /** @description Requests left in the current minute */
    'RateLimit-Remaining': number;
    /** @description Seconds until the current window ends */
    'RateLimit-Reset': number;
    /** @description Seconds to wait before trying again */
    'Retry-After': number;
    /** @description With `step_up_required`: the RFC 9470 challenge, `Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"` */
    'WWW-Authenticate': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
