/**
 * POST /v1/orders when Temporal does not take the purchase's start: the order row written just before
 * does not sit `pending` forever. It ends `failed` (not_started) in the same request, the answer is a
 * 503 problem+json with Retry-After, nothing is reserved or charged, and the client's retry with the
 * same Idempotency-Key buys.
 */
import { type Client, ServiceError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStatus } from '../support/orders.js';
import { api, eventually, stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

/** The real client, except that starting a workflow fails as it does while the server is unreachable. */
function unreachableOnStart(real: Client): Client {
  const fail = async () => {
    throw new ServiceError('Failed to start Workflow', {
      cause: new Error('14 UNAVAILABLE: No connection established'),
    });
  };
  const workflow = Object.create(real.workflow, {
    start: { value: fail },
    startUpdateWithStart: { value: fail },
  });
  return Object.create(real, { workflow: { value: workflow } });
}

const { sql, close } = testDb();
let down: InProcessApi;

beforeAll(async () => {
  down = await inProcessApi({ temporal: unreachableOnStart });
});
afterAll(async () => {
  await down.close();
  await close();
});

async function orderOn(base: string, buyer: string, listingId: string, key: string, query = '') {
  const res = await fetch(`${base}/v1/orders${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenFor(buyer)}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({ listingId, quantity: 1, paymentMethod: 'pm_card_ok' }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('purchase workflow that does not start', () => {
  it('fails the order in the same request with 503 + Retry-After; the same key retried later buys', async () => {
    const seller = uniqueUser('seller');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Stool', amount: 2_100, currency: 'EUR', quantity: 3 },
    });
    expect(listing.status).toBe(201);

    for (const query of ['', '?wait=payment']) {
      const buyer = uniqueUser('buyer');
      const key = `buy-${buyer}`;
      const refused = await orderOn(down.url, buyer, listing.body.id, key, query);
      expect(refused.status, JSON.stringify(refused.body)).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('upstream_unavailable');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

      // The row written before the start is final, with its reason; the stock its request took
      // (with the order, in one transaction) is back on sale.
      const rows = await sql<{ id: string; status: string; failure_reason: string | null }[]>`
        select id, status, failure_reason from orders where buyer_id = ${buyer}`;
      expect(rows).toEqual([{ id: expect.any(String), status: 'failed', failure_reason: 'not_started' }]);
      const reservations = await sql<{ status: string }[]>`
        select status from inventory_reservations where order_id = ${rows[0]!.id}`;
      expect(reservations.map((r) => r.status)).toEqual(['released']);

      // Temporal is back: the client retries with the same key and its purchase goes through.
      const { apiUrl } = stack();
      const retried = await orderOn(apiUrl, buyer, listing.body.id, key, query);
      expect([201, 202], JSON.stringify(retried.body)).toContain(retried.status);
      expect(retried.body.id).not.toBe(rows[0]!.id);
      await eventually(async () => (await orderStatus(retried.body.id, buyer)) === 'paid');
      // And again: the completed key replays the same order.
      const replayed = await orderOn(apiUrl, buyer, listing.body.id, key, query);
      expect(replayed.body.id).toBe(retried.body.id);
    }
    const available = await api('GET', `/v1/listings/${listing.body.id}`, { user: seller });
    expect(available.body.available).toBe(1);
  });
});
