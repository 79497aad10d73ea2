/**
 * The OpenAPI document's own parts, in one place: version and policy, security scheme, the standard
 * responses and links added to every route (api/openapi/standard-responses.ts, links.ts). createApp
 * serves it at /openapi.json; client/generate.ts builds the typed SDK from the same document.
 */
import type { App } from '../types.js';
import { documentLinks } from './links.js';
import { documentStandardResponses, registerResponseHeaders } from './standard-responses.js';

/**
 * The contract's version (semver): minor for additions (a field, an operation, a status documented),
 * major for anything that breaks a client, which also gets a new path prefix (/v2). README "API
 * versions" has the deprecation and Sunset policy.
 */
export const API_VERSION = '1.4.0';

export const DOCUMENT_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'escrowflow API',
    version: API_VERSION,
    description: [
      'Escrow for person-to-person marketplaces: a seller lists, a buyer pays into escrow, the seller ships,',
      'the buyer confirms, the money is released (or disputed, refunded or split).',
      '',
      'Amounts are integers in minor units beside an ISO-4217 `currency`. Every error is RFC 9457',
      '`application/problem+json` with a stable `code`. Writes take an `Idempotency-Key`: the same key',
      'and request get the first answer again (`Idempotent-Replayed: true`), another request 422, while',
      'the first still runs 409. 429 and 503 carry `Retry-After`; every answer carries `RateLimit-*`.',
      '',
      'Versioning: the path names the major version (/v1); `info.version` names the contract. A',
      'deprecated operation says so here (`deprecated: true`) and answers with `Deprecation` and `Sunset`',
      'headers for at least 6 months before it is removed.',
    ].join('\n'),
  },
  security: [{ bearer: [] }],
  tags: [
    { name: 'listings', description: 'What sellers sell' },
    { name: 'orders', description: 'Purchases and their escrow: ship, confirm, cancel' },
    {
      name: 'offers',
      description: 'A buyer’s price below the listing’s, the money held; counters, acceptance',
    },
    {
      name: 'auctions',
      description:
        'Binding proxy bids on a one-unit listing; soft close, reserve; the winner pays at the end',
    },
    { name: 'disputes', description: 'A buyer contests an order; evidence, acceptance, resolution' },
    { name: 'sellers', description: 'Balances, payout account' },
    { name: 'payouts', description: 'Moving available money to the seller' },
    { name: 'events', description: 'Server-Sent Events of my orders' },
    {
      name: 'privacy',
      description: 'Everything held about me as one document; erasure of my personal data (the books stay)',
    },
  ],
};

/** Adds what every route shares; called once all routes are registered, before the document is served. */
export function completeDocument(app: App): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'HS256 JWT: `sub` is the user id, `role` one of buyer | seller | operator, `exp` required',
  });
  registerResponseHeaders(registry);
  documentStandardResponses(registry);
  documentLinks(registry);
}
