/**
 * The fraud screen's per-IP velocity counts the buyer's address as the rate limiter derives it: behind
 * TRUSTED_PROXY_HOPS proxies, the address the last trusted hop appended to X-Forwarded-For, not the
 * proxy's own (every buyer would share it) nor what the client wrote before it (forgeable).
 */
import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, stack, tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

let api: InProcessApi;
let redis: Redis;

beforeAll(async () => {
  api = await inProcessApi({ env: { TRUSTED_PROXY_HOPS: '1' } });
  redis = new Redis(stack().env.REDIS_URL!);
});
afterAll(async () => {
  redis.disconnect();
  await api.close();
});

async function post(path: string, user: string, body: unknown, forwardedFor: string) {
  const res = await fetch(api.url + path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenFor(user)}`,
      'content-type': 'application/json',
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('client address of the fraud screen', () => {
  it('counts each buyer behind the trusted proxy under their own address, not the proxy’s', async () => {
    const seller = uniqueUser('seller');
    const listing = await post(
      '/v1/listings',
      seller,
      { title: 'Kettle', amount: 1_200, currency: 'EUR', quantity: 5 },
      '198.51.100.1',
    );
    expect(listing.status).toBe(201);
    // Two buyers on distinct addresses; the first also wrote a forged entry before the proxy's.
    const clients = [`203.0.113.${randomInt(1, 127)}`, `203.0.113.${randomInt(128, 255)}`];
    const forwarded = [`10.6.6.6, ${clients[0]}`, clients[1]!];
    const orders: string[] = [];
    for (const xff of forwarded) {
      const order = await post(
        '/v1/orders',
        uniqueUser('buyer'),
        { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
        xff,
      );
      expect(order.status).toBe(202);
      orders.push(order.body.id);
    }
    // The screen adds each order to the velocity set of the address it was given.
    for (const [i, orderId] of orders.entries()) {
      await eventually(async () => (await redis.zscore(`fraud:ip:${clients[i]}`, orderId)) !== null);
    }
    for (const orderId of orders) {
      for (const other of ['127.0.0.1', '::ffff:127.0.0.1', '10.6.6.6'])
        expect(await redis.zscore(`fraud:ip:${other}`, orderId), other).toBeNull();
    }
  });
});
