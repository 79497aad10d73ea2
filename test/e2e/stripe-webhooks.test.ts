/**
 * Stripe-format webhooks at POST /v1/webhooks/payments/stripe against the real stack: signed with
 * Stripe's own `generateTestHeaderString`, verified with `constructEvent`, mapped onto the events the
 * sandbox sends. A forged or stale signature is refused (4xx) and changes nothing. Seller onboarding
 * and the payout gate over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { webhookEvents } from '../../db/schema/index.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { completeOnboarding } from '../support/onboarding.js';
import { orderStatus, shippedOrder } from '../support/orders.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

const SECRET = 'whsec_stripe_dev'; // the API's development default (config/env.ts)
const { db, close } = testDb();
afterAll(() => close());
const provider = () => createSandboxProvider({ baseUrl: stack().sandboxUrl, apiKey: 'sk_test_escrowflow' });

function stripeEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

async function deliver(event: object, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRET,
    ...(options.timestamp && { timestamp: options.timestamp }),
  });
  const res = await fetch(`${stack().apiUrl}/v1/webhooks/payments/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const storedEvent = async (id: string) =>
  (await db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0];

const payoutAccount = async (seller: string) =>
  (await api('GET', '/v1/sellers/me/payout-account', { user: seller })).body;

/** A seller whose connected account exists at the provider, onboarding not finished. */
async function sellerWithAccount() {
  const seller = uniqueUser('seller');
  const created = await api('POST', '/v1/sellers/me/payout-account', { user: seller });
  expect(created.status).toBe(201);
  return { seller, accountId: created.body.accountId as string };
}

describe('seller onboarding', () => {
  it('creates one connected account per seller and answers an onboarding link each time', async () => {
    const { seller, accountId } = await sellerWithAccount();
    expect(accountId).toMatch(/^acct_/);
    const again = await api('POST', '/v1/sellers/me/payout-account', { user: seller });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accountId, payoutEnabled: false });
    expect(again.body.onboardingUrl).toContain(`/_sandbox/onboarding/${accountId}`);
    expect(await payoutAccount(seller)).toEqual({ accountId, payoutEnabled: false });
  });

  it('payouts answer 409 until the provider enables the account, and again once it disables it', async () => {
    const { seller, accountId } = await sellerWithAccount();
    const refused = await api('POST', '/v1/payouts', { user: seller, body: { currency: 'EUR' } });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'invalid_state', reason: 'onboarding_incomplete', accountId });
    expect(refused.body.detail).toContain('onboarding');

    await completeOnboarding(accountId);
    await eventually(async () => (await payoutAccount(seller)).payoutEnabled === true);
    // Past the gate: what stops this payout now is the empty balance.
    const empty = await api('POST', '/v1/payouts', { user: seller, body: { currency: 'EUR' } });
    expect(empty.body.reason).toBe('below_minimum');

    await completeOnboarding(accountId, false);
    await eventually(async () => (await payoutAccount(seller)).payoutEnabled === false);
    expect((await api('POST', '/v1/payouts', { user: seller, body: { currency: 'EUR' } })).body.reason).toBe(
      'onboarding_incomplete',
    );
  });

  it('PUT links an account made for the seller, at the state the provider has; an unknown one is refused', async () => {
    const seller = uniqueUser('seller');
    // An account the provider holds for this seller (made for them, as onboarding makes one).
    const account = await provider().createAccount({ idempotencyKey: `own-${seller}`, sellerId: seller });
    await completeOnboarding(account.id);
    const linked = await api('PUT', '/v1/sellers/me/payout-account', {
      user: seller,
      body: { accountId: account.id },
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toEqual({ accountId: account.id, payoutEnabled: true });
    const unknown = await api('PUT', '/v1/sellers/me/payout-account', {
      user: uniqueUser('seller'),
      body: { accountId: 'acct_nobodyknows' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('validation_failed');
  });

  it('PUT refuses another seller’s account (403) and changes nothing', async () => {
    const { seller, accountId } = await sellerWithAccount();
    await completeOnboarding(accountId);
    const other = uniqueUser('seller');
    const taken = await api('PUT', '/v1/sellers/me/payout-account', { user: other, body: { accountId } });
    expect(taken.status, JSON.stringify(taken.body)).toBe(403);
    expect(taken.headers.get('content-type')).toContain('application/problem+json');
    expect(taken.body.code).toBe('forbidden');
    expect(await payoutAccount(other)).toEqual({ accountId: null, payoutEnabled: false });
    expect((await payoutAccount(seller)).accountId).toBe(accountId);
  });

  it('one account, one seller: an account linked to someone else already is 409', async () => {
    const seller = uniqueUser('seller');
    const account = await provider().createAccount({ idempotencyKey: `dup-${seller}`, sellerId: seller });
    // Linked to another user before accounts named their seller (kept by migration 0005).
    const legacy = uniqueUser('seller');
    await api('GET', '/v1/sellers/me/payout-account', { user: legacy });
    await db.execute(sql`update users set payout_account_id = ${account.id} where id = ${legacy}`);
    const res = await api('PUT', '/v1/sellers/me/payout-account', {
      user: seller,
      body: { accountId: account.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'invalid_state', reason: 'account_linked_elsewhere' });
    expect((await payoutAccount(seller)).accountId).toBeNull();
    // The database itself keeps one seller per account, whatever writes it.
    await expect(
      db.execute(sql`update users set payout_account_id = ${account.id} where id = ${seller}`),
    ).rejects.toMatchObject({ cause: { code: '23505', constraint_name: 'users_payout_account_uq' } });
  });
});

describe('Stripe webhooks', () => {
  it('account.updated with payouts_enabled opens payouts; a redelivery is a duplicate', async () => {
    const { seller, accountId } = await sellerWithAccount();
    const event = stripeEvent('account.updated', { id: accountId, object: 'account', payouts_enabled: true });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true } });
    expect((await payoutAccount(seller)).payoutEnabled).toBe(true);
    expect(await storedEvent(event.id)).toMatchObject({
      type: 'account.updated',
      processedAt: expect.any(Date),
    });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
  });

  it('an account.updated older than one already applied changes nothing (out of order)', async () => {
    const { seller, accountId } = await sellerWithAccount();
    const now = Math.floor(Date.now() / 1000);
    const newer = stripeEvent(
      'account.updated',
      { id: accountId, object: 'account', payouts_enabled: true },
      now,
    );
    const older = stripeEvent(
      'account.updated',
      { id: accountId, object: 'account', payouts_enabled: false },
      now - 60,
    );
    expect((await deliver(newer)).status).toBe(200);
    expect((await deliver(older)).status).toBe(200);
    expect((await payoutAccount(seller)).payoutEnabled).toBe(true);
  });

  it('a forged signature is refused with 401 and changes nothing', async () => {
    const { seller, accountId } = await sellerWithAccount();
    const event = stripeEvent('account.updated', { id: accountId, object: 'account', payouts_enabled: true });
    const res = await deliver(event, { secret: 'whsec_not_ours' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      code: 'unauthorized',
      detail: expect.stringContaining('bad_signature'),
    });
    expect(await storedEvent(event.id)).toBeUndefined();
    expect((await payoutAccount(seller)).payoutEnabled).toBe(false);
  });

  it('a stale signature (outside the 5-minute tolerance) is refused and changes nothing', async () => {
    const { seller, accountId } = await sellerWithAccount();
    const event = stripeEvent('account.updated', { id: accountId, object: 'account', payouts_enabled: true });
    const res = await deliver(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('stale');
    expect(await storedEvent(event.id)).toBeUndefined();
    expect((await payoutAccount(seller)).payoutEnabled).toBe(false);
  });

  it('a missing Stripe-Signature header is a 400', async () => {
    const res = await fetch(`${stack().apiUrl}/v1/webhooks/payments/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stripeEvent('account.updated', { id: 'acct_x' })),
    });
    expect(res.status).toBe(400);
  });

  it('charge.dispute.created opens a dispute on the order its payment intent belongs to', async () => {
    const { buyer, order } = await shippedOrder({ amount: 3_100 });
    const [row] = await db.query.orders.findMany({ where: (o, { eq }) => eq(o.id, order.id) });
    const event = stripeEvent('charge.dispute.created', {
      id: `dp_${randomUUID().slice(0, 8)}`,
      object: 'dispute',
      amount: 3_100,
      currency: 'eur',
      charge: 'ch_1',
      payment_intent: row!.paymentIntentId,
      reason: 'product_not_received',
      status: 'needs_response',
      metadata: {},
    });
    expect((await deliver(event)).status).toBe(200);
    await eventually(async () => (await orderStatus(order.id, buyer)) === 'disputed');
    const stored = await storedEvent(event.id);
    expect(stored?.payload).toMatchObject({
      type: 'charge.dispute.created',
      data: { object: { metadata: { orderId: order.id }, currency: 'EUR', amount: 3_100 } },
    });
  });

  it('an event type we do not act on is acknowledged and not stored', async () => {
    const event = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, ignored: true } });
    expect(await storedEvent(event.id)).toBeUndefined();
  });
});
