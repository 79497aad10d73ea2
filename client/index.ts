/**
 * The typed escrowflow SDK: openapi-fetch over the types generated from the API's OpenAPI document
 * (client/schema.ts). Every call is checked against the document at compile time — paths, parameters,
 * bodies, and each status's answer. Writes get an Idempotency-Key unless the caller gives one, so the
 * retries of client/retry.ts are safe; events stream with client/sse.ts.
 *
 *   const api = createEscrowflowClient({ baseUrl, token });
 *   const { data, error } = await api.POST('/v1/listings', { body: { title, amount, currency, quantity } });
 */
import { randomUUID } from 'node:crypto';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { type RetryOptions, retryingFetch } from './retry.js';
import type { components, paths } from './schema.js';

export type { RetryEvent, RetryOptions, RetryReason } from './retry.js';
export type { components, paths } from './schema.js';
export { type EventStreamOptions, type ServerSentEvent, streamEvents } from './sse.js';
export type Problem = components['schemas']['Problem'];
export type Listing = components['schemas']['Listing'];
export type Order = components['schemas']['Order'];
export type EscrowflowClient = Client<paths>;

export interface ClientOptions {
  baseUrl: string;
  /** A bearer token, or a function returning one per request (tokens that expire). */
  token?: string | (() => string | Promise<string>);
  retry?: RetryOptions;
  /** The transport under the retries (default: global fetch). */
  fetch?: (req: Request) => Promise<Response>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createEscrowflowClient(options: ClientOptions): EscrowflowClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: retryingFetch(options.retry, options.fetch),
  });
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      if (token && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${token}`);
      // Given once, before the first attempt: every retry of this call is the same request to the API.
      if (WRITES.has(request.method) && !request.headers.has('idempotency-key'))
        request.headers.set('idempotency-key', randomUUID());
      return request;
    },
  };
  client.use(auth);
  return client;
}

/** The problem+json of a failed call, or a description of the non-problem answer. */
export function describeError(error: unknown, response: Response): string {
  const problem = error as Partial<Problem> | undefined;
  return problem?.code
    ? `${response.status} ${problem.code}: ${problem.detail}`
    : `${response.status} ${JSON.stringify(error)}`;
}
