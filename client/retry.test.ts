/** What the SDK retries, after how long, and that a retried write keeps its Idempotency-Key. */
import { describe, expect, it } from 'vitest';
import { createEscrowflowClient } from './index.js';
import { retryAfterMs } from './retry.js';

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'x', title: 't', status, detail: 'd', code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
const listing = { id: 'lst_1', sellerId: 's', title: 'Lamp', amount: 100, currency: 'EUR', quantity: 1 };

/** A fake API answering from a script, recording what it was sent. */
function scripted(answers: (() => Response)[]) {
  const seen: { method: string; key: string | null; auth: string | null; body: string }[] = [];
  const waits: number[] = [];
  const client = createEscrowflowClient({
    baseUrl: 'http://api.test',
    token: 'tok',
    retry: { sleep: async (ms) => void waits.push(ms), attempts: 4 },
    fetch: async (req) => {
      seen.push({
        method: req.method,
        key: req.headers.get('idempotency-key'),
        auth: req.headers.get('authorization'),
        body: await req.text(),
      });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next();
    },
  });
  return { client, seen, waits };
}

const body = { title: 'Lamp', amount: 100, currency: 'EUR' as const, quantity: 1 };

describe('SDK retries', () => {
  it('retries 429 and 503 after their Retry-After, with the same Idempotency-Key and body', async () => {
    const { client, seen, waits } = scripted([
      () => problem(429, 'rate_limited', { 'retry-after': '2' }),
      () => problem(503, 'upstream_unavailable', { 'retry-after': '1' }),
      () => Response.json(listing, { status: 201 }),
    ]);
    const { data, response } = await client.POST('/v1/listings', { body });
    expect(response.status).toBe(201);
    expect(data?.id).toBe('lst_1');
    expect(waits).toEqual([2000, 1000]);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(seen[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.every((s) => s.auth === 'Bearer tok' && JSON.parse(s.body).title === 'Lamp')).toBe(true);
  });

  it('retries 409 idempotency_in_flight but not another 409', async () => {
    const { client, seen } = scripted([
      () => problem(409, 'idempotency_in_flight'),
      () => problem(409, 'out_of_stock'),
    ]);
    const { error, response } = await client.POST('/v1/orders', {
      body: { listingId: 'lst_1', quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    expect(response.status).toBe(409);
    expect(error?.code).toBe('out_of_stock');
    expect(seen).toHaveLength(2);
  });

  it('keeps a caller-given Idempotency-Key and gives up after the last attempt', async () => {
    const { client, seen } = scripted(
      Array.from({ length: 4 }, () => () => problem(503, 'upstream_unavailable')),
    );
    const { response } = await client.POST('/v1/listings', {
      body,
      headers: { 'idempotency-key': 'mine-1' },
    });
    expect(response.status).toBe(503);
    expect(seen.map((s) => s.key)).toEqual(['mine-1', 'mine-1', 'mine-1', 'mine-1']);
  });

  it('does not retry a validation error', async () => {
    const { client, seen } = scripted([() => problem(400, 'validation_failed')]);
    const { error } = await client.GET('/v1/listings/{id}', { params: { path: { id: 'lst_1' } } });
    expect(error?.code).toBe('validation_failed');
    expect(seen).toHaveLength(1);
  });

  it('retries any 5xx when asked, telling each retry and its reason', async () => {
    const told: string[] = [];
    const seen: string[] = [];
    const answers = [
      () => problem(500, 'internal_error'),
      () => problem(502, 'upstream_unavailable'),
      () => problem(429, 'rate_limited', { 'retry-after': '1' }),
      () => problem(409, 'idempotency_in_flight'),
      () => Response.json(listing, { status: 201 }),
    ];
    const client = createEscrowflowClient({
      baseUrl: 'http://api.test',
      retry: {
        attempts: Infinity,
        retryServerErrors: true,
        sleep: async () => {},
        onRetry: (r) => void told.push(`${r.attempt} ${r.reason} ${r.outcome}`),
      },
      fetch: async (req) => {
        seen.push(req.headers.get('idempotency-key') ?? '');
        return answers.shift()!();
      },
    });
    const { data } = await client.POST('/v1/listings', { body });
    expect(data?.id).toBe('lst_1');
    expect(told).toEqual([
      '1 5xx 500 internal_error',
      '2 5xx 502 upstream_unavailable',
      '3 429 429 rate_limited',
      '4 in_flight 409 idempotency_in_flight',
    ]);
    expect(new Set(seen).size).toBe(1);
  });

  it('does not retry a 500 unless asked', async () => {
    const { client, seen } = scripted([() => problem(500, 'internal_error')]);
    const { response } = await client.POST('/v1/listings', { body });
    expect(response.status).toBe(500);
    expect(seen).toHaveLength(1);
  });

  it('gives up at the deadline: the last answer, or the network error', async () => {
    let calls = 0;
    const waits: number[] = [];
    const client = createEscrowflowClient({
      baseUrl: 'http://api.test',
      retry: {
        attempts: Infinity,
        deadlineMs: 1_000,
        baseDelayMs: 300,
        maxDelayMs: 300,
        sleep: async (ms) => void waits.push(ms),
      },
      fetch: async () => {
        calls++;
        // The clock moves 400 ms per attempt: the third's wait would end past the deadline.
        await new Promise((r) => setTimeout(r, 400));
        return problem(503, 'upstream_unavailable');
      },
    });
    const { response } = await client.GET('/v1/listings/{id}', { params: { path: { id: 'lst_1' } } });
    expect(response.status).toBe(503);
    expect(calls).toBe(2);
    expect(waits).toHaveLength(1);

    const down = createEscrowflowClient({
      baseUrl: 'http://api.test',
      retry: { attempts: Infinity, deadlineMs: 0, sleep: async () => {} },
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.GET('/v1/listings/{id}', { params: { path: { id: 'lst_1' } } })).rejects.toThrow(
      'fetch failed',
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
