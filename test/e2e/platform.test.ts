/** Health, readiness, the OpenAPI document and listing concurrency through the running API. */
import { describe, expect, it } from 'vitest';
import { api, uniqueUser } from '../support/stack.js';

describe('platform endpoints', () => {
  it('reports liveness and readiness of PostgreSQL, Redis and Temporal', async () => {
    expect((await api('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await api('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({
      postgres: { ok: true },
      redis: { ok: true },
      temporal: { ok: true },
    });
  });

  it('serves the OpenAPI document with the contract paths', async () => {
    const doc = await api('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/listings', '/v1/listings/{id}', '/v1/orders', '/v1/orders/{id}']),
    );
    expect((await api('GET', '/docs')).status).toBe(200);
  });

  it('updates a listing only at its current version (412 when stale)', async () => {
    const seller = uniqueUser('seller');
    const created = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Lamp', amount: 500, currency: 'EUR', quantity: 1 },
    });
    const id = created.body.id;
    const ok = await api('PATCH', `/v1/listings/${id}`, {
      user: seller,
      body: { amount: 450 },
      headers: { 'if-match': '1' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ amount: 450, version: 2 });
    const stale = await api('PATCH', `/v1/listings/${id}`, {
      user: seller,
      body: { amount: 400 },
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    const notMine = await api('PATCH', `/v1/listings/${id}`, {
      user: uniqueUser('other'),
      body: { amount: 1 },
      headers: { 'if-match': '2' },
    });
    expect(notMine.status).toBe(404);
    expect((await api('GET', `/v1/listings/${id}`, { user: seller })).body.amount).toBe(450);
  });

  it('rejects missing, forged and expired tokens', async () => {
    expect((await api('GET', '/v1/listings')).status).toBe(401);
    const forged = await api('GET', '/v1/listings', {
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('unauthorized');
  });
});
