/**
 * The answers every operation can give because of the middleware in front of it (api/app.ts), added to
 * each documented route in one place, so no route can forget one: a client generated from the document
 * knows every status it may get. A route's own description of a status (its 404, its 409) is kept and
 * the middleware's reason is appended to it.
 */
import { STEP_UP_EXTENSION } from '../middleware/step-up.js';
import { ProblemSchema } from '../schemas.js';
import type { App } from '../types.js';

type OpenAPIRegistry = App['openAPIRegistry'];
export type RouteConfig = Extract<OpenAPIRegistry['definitions'][number], { type: 'route' }>['route'];
type Responses = RouteConfig['responses'];

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Response headers, registered once as components and referenced by every response that carries them. */
export const RESPONSE_HEADERS = {
  'RateLimit-Limit': {
    description: 'Requests allowed per minute (per client address or per user)',
    type: 'integer',
  },
  'RateLimit-Remaining': { description: 'Requests left in the current minute', type: 'integer' },
  'RateLimit-Reset': { description: 'Seconds until the current window ends', type: 'integer' },
  'Retry-After': { description: 'Seconds to wait before trying again', type: 'integer' },
  'WWW-Authenticate': {
    description:
      'With `step_up_required`: the RFC 9470 challenge, `Bearer error="insufficient_user_authentication", max_age=…, acr_values="…"`',
    type: 'string',
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    type: 'string',
  },
} as const;

export function registerResponseHeaders(registry: OpenAPIRegistry): void {
  for (const [name, { description, type }] of Object.entries(RESPONSE_HEADERS))
    registry.registerComponent('headers', name, { description, schema: { type } });
}

type HeaderRefs = Record<string, { $ref: string }>;
const RATE_HEADERS: HeaderRefs = {
  'RateLimit-Limit': ref('RateLimit-Limit'),
  'RateLimit-Remaining': ref('RateLimit-Remaining'),
  'RateLimit-Reset': ref('RateLimit-Reset'),
};

/** A sensitive operation: withStepUp (api/middleware/step-up.ts) marked it. */
const stepsUp = (route: RouteConfig) => STEP_UP_EXTENSION in route;

/** Why each status can come from the middleware, by the kind of operation. */
function standardErrors(route: RouteConfig): Record<number, string> {
  const write = WRITE_METHODS.has(route.method);
  const errors: Record<number, string> = {
    400: write
      ? 'A path, query, header or body value its schema refuses, a body that is not JSON or holds NUL / unpaired surrogates (`validation_failed`), or card data (`card_data_refused`)'
      : 'A path, query or header value its schema refuses (`validation_failed`)',
    401: stepsUp(route)
      ? 'No valid bearer token (`unauthorized`), or a login that is not a recent multi-factor one (`step_up_required`): `WWW-Authenticate` says what to ask the identity provider for'
      : 'No valid bearer token (`unauthorized`)',
    403: 'The token belongs to an account whose personal data was erased (`account_erased`)',
    429: 'Over the rate limit per client address or per user (`rate_limited`); `Retry-After` says when to come back',
  };
  if (route.path.includes('{')) errors[404] = 'No such resource visible to you (`not_found`)';
  if (write) {
    errors[409] =
      'The first request with this Idempotency-Key is still running (`idempotency_in_flight`): retry after it';
    errors[413] = 'The body is larger than 64 KiB (`payload_too_large`)';
    errors[415] = 'The body is not `application/json` (`unsupported_media_type`)';
    errors[422] = 'This Idempotency-Key was used with a different request (`idempotency_conflict`)';
  }
  return errors;
}

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The route's responses with the standard errors and headers added (a new object: routes are shared). */
export function withStandardResponses(route: RouteConfig): Responses {
  const responses: Responses = {};
  for (const [status, response] of Object.entries(route.responses)) {
    if ('$ref' in response) {
      responses[status] = response;
      continue;
    }
    const retry: HeaderRefs =
      status === '429' || status === '503' ? { 'Retry-After': ref('Retry-After') } : {};
    const replay: HeaderRefs =
      WRITE_METHODS.has(route.method) && status.startsWith('2')
        ? { 'Idempotent-Replayed': ref('Idempotent-Replayed') }
        : {};
    responses[status] = {
      ...response,
      headers: { ...RATE_HEADERS, ...retry, ...replay, ...(response.headers as object | undefined) },
    };
  }
  for (const [status, reason] of Object.entries(standardErrors(route))) {
    const own = responses[status];
    const challenge: HeaderRefs =
      status === '401' && stepsUp(route) ? { 'WWW-Authenticate': ref('WWW-Authenticate') } : {};
    if (own && !('$ref' in own)) {
      responses[status] = {
        ...own,
        description: `${own.description}; or: ${reason}`,
        content: problemContent,
        headers: { ...(own.headers as object | undefined), ...challenge },
      };
      continue;
    }
    responses[status] = {
      description: reason,
      content: problemContent,
      headers: {
        ...(status === '429' ? { ...RATE_HEADERS, 'Retry-After': ref('Retry-After') } : RATE_HEADERS),
        ...challenge,
      },
    };
  }
  return responses;
}

/** Applies withStandardResponses to every /v1 route of the registry (webhooks sign instead: not theirs). */
export function documentStandardResponses(registry: OpenAPIRegistry): void {
  for (const def of registry.definitions) {
    if (def.type !== 'route' || !def.route.path.startsWith('/v1/')) continue;
    if (def.route.path.startsWith('/v1/webhooks/')) continue;
    def.route = { ...def.route, responses: withStandardResponses(def.route) };
  }
}
