/** The chaos load's client over the SDK: what it retries, how it counts, and when it gives up. */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { ApiClient } from './client.js';

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'x', title: 't', status, detail: 'd', code }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
const order = { id: 'ord_1', status: 'shipped' };

/** A fake API answering from a script (a thrown error is a connection error), recording each attempt. */
function scripted(answers: (() => Response)[], options: { attemptTimeoutMs?: number } = {}) {
  const seen: { method: string; path: string; key: string | null; auth: string | null; body: string }[] = [];
  const api = new ApiClient(
    'http://api.test',
    'test-secret',
    async (req, init) => {
      seen.push({
        method: req.method,
        path: new URL(req.url).pathname,
        key: req.headers.get('idempotency-key'),
        auth: req.headers.get('authorization'),
        body: await req.text(),
      });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next === hang)
        return new Promise<Response>((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        );
      return next();
    },
    { baseDelayMs: 1, ...options },
  );
  return { api, seen };
}
const hang = () => new Response();
const refuse = () => {
  throw new TypeError('fetch failed');
};

describe('chaos API client', () => {
  it('retries network errors, any 5xx, 429 and 409 in flight under one key, counting each by reason', async () => {
    const { api, seen } = scripted([
      refuse,
      () => problem(500, 'internal_error'),
      () => problem(500, 'internal_error'),
      () => new Response('Bad Gateway', { status: 502 }),
      () => problem(429, 'rate_limited'),
      () => problem(409, 'idempotency_in_flight'),
      () => Response.json(order),
    ]);
    const res = await api.call({ user: 'seller_1', role: 'seller' }, (sdk) =>
      sdk.POST('/v1/orders/{id}/ship', {
        params: { path: { id: 'ord_1' } },
        headers: { 'idempotency-key': 'run:1:ship' },
        body: { carrier: 'DHL', trackingNumber: 'CHAOS1' },
      }),
    );
    expect(res).toMatchObject({ status: 200, attempts: 7, data: order, body: order });
    expect(res.trail).toEqual([
      'fetch failed',
      '500 internal_error ×2',
      '502',
      '429 rate_limited',
      '409 idempotency_in_flight',
    ]);
    expect(api.retries).toEqual({ network: 1, '5xx': 3, '429': 1, in_flight: 1 });
    expect(api.totalRetries).toBe(6);
    expect(seen.every((s) => s.key === 'run:1:ship' && s.path === '/v1/orders/ord_1/ship')).toBe(true);
    expect(seen.every((s) => JSON.parse(s.body).trackingNumber === 'CHAOS1')).toBe(true);
    const claims = decodeJwt(seen[0]!.auth!.replace('Bearer ', ''));
    expect(claims).toMatchObject({ sub: 'seller_1', role: 'seller' });
  });

  it('answers anything else at once: a 409 invalid_state, a 404', async () => {
    const { api, seen } = scripted([() => problem(409, 'invalid_state'), () => problem(404, 'not_found')]);
    const conflict = await api.call({ user: 'b' }, (sdk) =>
      sdk.POST('/v1/orders/{id}/cancel', { params: { path: { id: 'ord_1' } } }),
    );
    expect(conflict).toMatchObject({ status: 409, attempts: 1, trail: [], body: { code: 'invalid_state' } });
    expect(conflict.error?.code).toBe('invalid_state');
    const missing = await api.call({ user: 'b' }, (sdk) =>
      sdk.GET('/v1/orders/{id}', { params: { path: { id: 'ord_2' } } }),
    );
    expect(missing.status).toBe(404);
    expect(api.totalRetries).toBe(0);
    // A write the caller gave no key still gets one, so that it could be retried safely.
    expect(seen[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries an attempt that outlasts its timeout as a network error', async () => {
    const { api } = scripted([hang, () => Response.json(order)], { attemptTimeoutMs: 20 });
    const res = await api.call({ user: 'b' }, (sdk) =>
      sdk.GET('/v1/orders/{id}', { params: { path: { id: 'ord_1' } } }),
    );
    expect(res).toMatchObject({ status: 200, attempts: 2 });
    expect(api.retries.network).toBe(1);
  });

  it('gives up at the deadline, naming the call and what it last got', async () => {
    const failing = scripted(Array.from({ length: 1_000 }, () => () => problem(503, 'upstream_unavailable')));
    await expect(
      failing.api.call({ user: 'b', deadlineMs: 100 }, (sdk) =>
        sdk.GET('/v1/orders/{id}', { params: { path: { id: 'ord_1' } } }),
      ),
    ).rejects.toThrow(
      /^GET \/v1\/orders\/ord_1: gave up after \d+ attempts \(last: 503 upstream_unavailable\)$/,
    );
    expect(failing.api.retries['5xx']).toBeGreaterThan(1);

    const down = scripted(Array.from({ length: 1_000 }, () => refuse));
    await expect(
      down.api.call({ user: 'b', deadlineMs: 100 }, (sdk) =>
        sdk.POST('/v1/listings', { body: { title: 'x', amount: 100, currency: 'EUR', quantity: 1 } }),
      ),
    ).rejects.toThrow(/^POST \/v1\/listings: gave up after \d+ attempts \(last: fetch failed\)$/);
  });
});
