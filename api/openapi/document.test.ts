/** The document promises every status the middleware can answer, on every operation. */
import { describe, expect, it } from 'vitest';
import { apiDocument } from '../../client/spec.js';

type Operation = {
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  parameters?: { name: string; in: string }[];
};

const doc = (await apiDocument()) as {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, path, op })),
);
const writes = operations.filter((o) => o.method !== 'get');

describe('OpenAPI document', () => {
  it('has an explicit contract version', () => {
    expect(doc.info.version).toMatch(/^1\.\d+\.\d+$/);
  });

  it.each(operations.map((o) => [o.name, o] as const))(
    '%s documents 400, 401 and 429 as problems',
    (_, o) => {
      for (const status of ['400', '401', '429'])
        expect(Object.keys(o.op.responses[status]?.content ?? {})).toEqual(['application/problem+json']);
      expect(o.op.responses['429']?.headers).toHaveProperty('Retry-After');
    },
  );

  it.each(writes.map((o) => [o.name, o] as const))(
    '%s documents the write statuses and Idempotency-Key',
    (_, o) => {
      for (const status of ['409', '413', '415', '422']) expect(o.op.responses).toHaveProperty(status);
      expect(o.op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key')).toBe(true);
    },
  );

  it('documents 404 wherever a path names a resource', () => {
    const missing = operations
      .filter((o) => o.path.includes('{') && !o.op.responses['404'])
      .map((o) => o.name);
    expect(missing).toEqual([]);
  });

  it('links a created listing to buying it and an order to shipping it', () => {
    const created = doc.paths['/v1/listings']?.post?.responses['201'] as { links?: Record<string, unknown> };
    expect(created.links?.BuyListing).toMatchObject({ requestBody: { listingId: '$response.body#/id' } });
    const ordered = doc.paths['/v1/orders']?.post?.responses['201'] as { links?: Record<string, unknown> };
    expect(ordered.links?.ShipOrder).toMatchObject({ parameters: { 'path.id': '$response.body#/id' } });
  });
});
