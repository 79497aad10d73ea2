/**
 * Who may see and do what, over HTTP: strangers get 404 for others' orders, disputes and payouts;
 * parties only do their own part (403); only operators resolve and use the ops API; tokens that are
 * expired, malformed, unsigned (`alg: none`) or signed with another key get 401; fields a client must
 * not set (price, status, owner, role) are refused.
 */
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { onboardSeller } from '../support/onboarding.js';
import { paidOrder, shippedOrder } from '../support/orders.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

const { sql, close } = testDb();
afterAll(() => close());

const stranger = () => ({ user: uniqueUser('stranger') });
const secret = () => stack().env.JWT_SECRET ?? 'dev-only-jwt-secret-change-me-0123456789';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

async function withToken(token: string) {
  return api('GET', '/v1/orders', { headers: { authorization: `Bearer ${token}` } });
}

describe('access', () => {
  it('a stranger neither reads nor acts on another user’s order, dispute or payout (404)', async () => {
    const { seller, buyer, order } = await shippedOrder({ amount: 4_000 });
    const orderPath = `/v1/orders/${order.id}`;
    for (const [method, path, body] of [
      ['GET', orderPath, undefined],
      ['POST', `${orderPath}/ship`, { carrier: 'UPS', trackingNumber: 'XX11' }],
      ['POST', `${orderPath}/confirm-delivery`, undefined],
      ['POST', `${orderPath}/cancel`, undefined],
      ['POST', `${orderPath}/disputes`, { reason: 'not_received', description: 'where is it' }],
    ] as const) {
      const res = await api(method, path, { ...stranger(), body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    const mine = await api('GET', '/v1/orders?role=buyer', stranger());
    expect(mine.body.data).toEqual([]);

    const dispute = await api('POST', `${orderPath}/disputes`, {
      user: buyer,
      body: { reason: 'not_received', description: 'never came' },
    });
    expect(dispute.status).toBe(201);
    const disputePath = `/v1/disputes/${dispute.body.id}`;
    expect((await api('GET', disputePath, stranger())).status).toBe(404);
    expect(
      (await api('POST', `${disputePath}/evidence`, { ...stranger(), body: { text: 'hi' } })).status,
    ).toBe(404);
    expect((await api('POST', `${disputePath}/accept`, stranger())).status).toBe(404);

    // The seller gives in: the buyer is refunded and the order is final; still nothing for strangers.
    expect((await api('POST', `${disputePath}/accept`, { user: seller })).status).toBe(200);
    await eventually(async () => (await api('GET', orderPath, { user: buyer })).body.status === 'refunded');
    expect((await api('GET', orderPath, stranger())).status).toBe(404);
  });

  it('a stranger cannot see another seller’s balance or payout', async () => {
    const { seller, buyer, order } = await paidOrder({ amount: 6_000 });
    await api('POST', `/v1/orders/${order.id}/ship`, {
      user: seller,
      body: { carrier: 'DHL', trackingNumber: 'DD11' },
    });
    await api('POST', `/v1/orders/${order.id}/confirm-delivery`, { user: buyer });
    await eventually(
      async () => (await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status === 'completed',
    );
    await onboardSeller(seller);
    const payout = await api('POST', '/v1/payouts', { user: seller, body: { currency: 'EUR' } });
    expect(payout.status).toBe(202);

    const other = stranger();
    const theirs = await api('GET', `/v1/payouts/${payout.body.id}`, other);
    expect(theirs.status).toBe(404);
    expect((await api('GET', '/v1/sellers/me/balance', other)).body.balances).toEqual([]);
    // "me" is the token's subject: there is no path that names another seller's balance.
    const sellerBalance = (await api('GET', '/v1/sellers/me/balance', { user: seller })).body.balances;
    expect(sellerBalance).toHaveLength(1);
  });

  it('parties only do their own part; only operators resolve and use the ops API (403)', async () => {
    const { seller, buyer, order } = await paidOrder({ amount: 3_000 });
    const orderPath = `/v1/orders/${order.id}`;
    const byBuyer = await api('POST', `${orderPath}/ship`, {
      user: buyer,
      body: { carrier: 'UPS', trackingNumber: 'BB11' },
    });
    expect(byBuyer.status).toBe(403);
    expect(byBuyer.body.code).toBe('forbidden');
    await api('POST', `${orderPath}/ship`, {
      user: seller,
      body: { carrier: 'UPS', trackingNumber: 'SS11' },
    });
    const bySeller = await api('POST', `${orderPath}/confirm-delivery`, { user: seller });
    expect(bySeller.status).toBe(403);
    expect((await api('GET', orderPath, { user: buyer })).body.status).toBe('shipped');

    const dispute = await api('POST', `${orderPath}/disputes`, {
      user: buyer,
      body: { reason: 'not_received', description: 'nothing yet' },
    });
    const resolvePath = `/v1/disputes/${dispute.body.id}/resolve`;
    for (const user of [buyer, seller]) {
      const res = await api('POST', resolvePath, { user, body: { outcome: 'release' } });
      expect(res.status).toBe(403);
    }
    expect((await api('POST', `/v1/disputes/${dispute.body.id}/accept`, { user: buyer })).status).toBe(403);
    for (const path of ['/v1/ops/orders', '/v1/ops/disputes', `/v1/ops/orders/${order.id}/timeline`]) {
      expect((await api('GET', path, { user: seller })).status, path).toBe(403);
      expect((await api('GET', path, { user: buyer })).status, path).toBe(403);
    }
    const resolved = await api('POST', resolvePath, {
      user: uniqueUser('op'),
      role: 'operator',
      body: { outcome: 'release' },
    });
    expect(resolved.status).toBe(200);
    await eventually(async () => (await api('GET', orderPath, { user: buyer })).body.status === 'completed');
  });

  it('rejects expired, malformed, unsigned, wrongly signed and ill-claimed tokens (401)', async () => {
    const key = new TextEncoder().encode(secret());
    const sign = (claims: Record<string, unknown>, alg = 'HS256', signingKey = key) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg });
      return jwt.sign(signingKey);
    };
    const sub = uniqueUser('jwt');
    const tokens: Record<string, string> = {
      expired: await sign({ sub, role: 'buyer', exp: now() - 60 }),
      'no exp': await sign({ sub, role: 'buyer' }),
      'no sub': await sign({ role: 'buyer', exp: now() + 600 }),
      'unknown role': await sign({ sub, role: 'admin', exp: now() + 600 }),
      'overlong sub': await sign({ sub: 'x'.repeat(500), exp: now() + 600 }),
      'other key': await sign(
        { sub, role: 'operator', exp: now() + 600 },
        'HS256',
        new TextEncoder().encode('x'.repeat(40)),
      ),
      'HS512 with our key': await sign({ sub, role: 'operator', exp: now() + 600 }, 'HS512'),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, role: 'operator', exp: now() + 600 })}.`,
      'alg none, signature kept': `${b64({ alg: 'none' })}.${b64({ sub, role: 'operator', exp: now() + 600 })}.${(await sign({ sub, exp: now() + 600 })).split('.')[2]}`,
      malformed: 'not-a-jwt',
      'three dots': 'a.b.c',
      'bad base64': '@@@.###.$$$',
    };
    for (const [what, token] of Object.entries(tokens)) {
      const res = await withToken(token);
      expect(res.status, what).toBe(401);
      expect(res.body.code, what).toBe('unauthorized');
      expect(res.headers.get('content-type'), what).toContain('application/problem+json');
    }
    expect(
      (await api('GET', '/v1/orders', { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status,
    ).toBe(401);
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from users where id = ${sub}`;
    expect(row!.n).toBe(0);
  });

  it('refuses fields a client must not set: price, status, owner, availability, role', async () => {
    const seller = uniqueUser('seller');
    const valid = { title: 'Chair', amount: 2_000, currency: 'EUR', quantity: 1 };
    for (const extra of [
      { sellerId: 'someone_else' },
      { available: 99 },
      { version: 7 },
      { status: 'sold' },
    ]) {
      const res = await api('POST', '/v1/listings', { user: seller, body: { ...valid, ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const listing = await api('POST', '/v1/listings', { user: seller, body: valid });
    expect(listing.status).toBe(201);
    const patch = await api('PATCH', `/v1/listings/${listing.body.id}`, {
      user: seller,
      body: { amount: 1, sellerId: 'thief', available: 50 },
      headers: { 'if-match': '1' },
    });
    expect(patch.status).toBe(400);

    const buyer = uniqueUser('buyer');
    const order = { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' };
    for (const extra of [
      { amount: 1 },
      { price: 1 },
      { status: 'paid' },
      { buyerId: 'x' },
      { role: 'operator' },
    ]) {
      const res = await api('POST', '/v1/orders', { user: buyer, body: { ...order, ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    const payout = await api('POST', '/v1/payouts', {
      user: seller,
      body: { currency: 'EUR', status: 'paid' },
    });
    expect(payout.status).toBe(400);

    const [rows] = await sql<{ orders: number; amount: string; version: number; available: number }[]>`
      select (select count(*)::int from orders where buyer_id = ${buyer}) as orders,
             amount::text, version, available
      from listings where id = ${listing.body.id}`;
    expect(rows).toEqual({ orders: 0, amount: '2000', version: 1, available: 1 });
  });
});
