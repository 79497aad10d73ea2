/**
 * Step-up (RFC 9470) on every sensitive operation of the contract, against the stack with tokens from
 * its identity provider: a password login, or a multi-factor one older than STEP_UP_MAX_AGE_S (300 s),
 * gets 401 `step_up_required` with `WWW-Authenticate: Bearer error="insufficient_user_authentication",
 * max_age=300, acr_values="…"` and nothing happens; the same request with a fresh multi-factor login
 * (the client signed in again as the challenge said) then succeeds, under the same Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MFA_ACR } from '../../domain/step-up.js';
import { testLoginToken } from '../../scripts/identity-provider/client.js';
import { onboardSeller } from '../support/onboarding.js';
import { paidOrder, shippedOrder } from '../support/orders.js';
import { type ApiResponse, api, eventually, identityClient, uniqueUser } from '../support/stack.js';

const CHALLENGE = `Bearer error="insufficient_user_authentication", max_age=300, acr_values="${MFA_ACR}"`;
type Role = 'buyer' | 'seller' | 'operator';

/** Each way of having signed in that a sensitive operation must refuse, and the one it takes. */
const LOGINS = {
  password: { mfa: false },
  'multi-factor, 10 minutes ago': { mfa: true, ageSeconds: 600 },
  'multi-factor, just now': { mfa: true },
} as const;

async function as(login: keyof typeof LOGINS, user: string, role: Role) {
  const token = await testLoginToken(identityClient(), { sub: user, role, ...LOGINS[login] });
  return { authorization: `Bearer ${token}` };
}

interface Operation {
  name: string;
  user: string;
  role: Role;
  method: string;
  path: string;
  body?: unknown;
  succeeds: number;
}

/** The fixtures the operations act on, made with step-up tokens (api()'s default). */
let operations: Operation[];

beforeAll(async () => {
  const payee = await sellerWithEarnings();
  const hooks = uniqueUser('hooks');
  const reader = uniqueUser('reader');
  const operator = uniqueUser('op');
  const [endpoint, dispute, heldOrder] = await Promise.all([
    api('POST', '/v1/webhook-endpoints', { user: hooks, body: { url: 'http://127.0.0.1:9/unused' } }),
    openDispute(),
    orderHeldForReview(),
  ]);
  expect(endpoint.status).toBe(201);
  operations = [
    {
      name: 'create a payout',
      user: payee.seller,
      role: 'seller',
      method: 'POST',
      path: '/v1/payouts',
      body: { currency: 'EUR' },
      succeeds: 202,
    },
    {
      name: 'link the payout account',
      user: payee.seller,
      role: 'seller',
      method: 'PUT',
      path: '/v1/sellers/me/payout-account',
      body: { accountId: payee.accountId },
      succeeds: 200,
    },
    {
      name: 'onboard the payout account again',
      user: payee.seller,
      role: 'seller',
      method: 'POST',
      path: '/v1/sellers/me/payout-account',
      succeeds: 200,
    },
    {
      name: 'create a webhook endpoint',
      user: hooks,
      role: 'seller',
      method: 'POST',
      path: '/v1/webhook-endpoints',
      body: { url: 'http://127.0.0.1:9/other' },
      succeeds: 201,
    },
    {
      name: 'delete a webhook endpoint',
      user: hooks,
      role: 'seller',
      method: 'DELETE',
      path: `/v1/webhook-endpoints/${endpoint.body.id}`,
      succeeds: 200,
    },
    {
      name: 'change the notification email',
      user: reader,
      role: 'buyer',
      method: 'PUT',
      path: '/v1/me/notification-preferences',
      body: { email: `${reader}@example.com` },
      succeeds: 200,
    },
    {
      name: 'resolve a dispute',
      user: operator,
      role: 'operator',
      method: 'POST',
      path: `/v1/disputes/${dispute}/resolve`,
      body: { outcome: 'release' },
      succeeds: 200,
    },
    {
      name: 'decide a fraud review',
      user: operator,
      role: 'operator',
      method: 'POST',
      path: `/v1/ops/orders/${heldOrder}/fraud-review`,
      body: { decision: 'deny' },
      succeeds: 200,
    },
    {
      name: 'run a reconciliation',
      user: operator,
      role: 'operator',
      method: 'POST',
      path: '/v1/ops/reconciliation',
      body: { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() },
      succeeds: 201,
    },
  ];
}, 120_000);

describe('step-up on sensitive operations', () => {
  it.each([
    'create a payout',
    'link the payout account',
    'onboard the payout account again',
    'create a webhook endpoint',
    'delete a webhook endpoint',
    'change the notification email',
    'resolve a dispute',
    'decide a fraud review',
    'run a reconciliation',
  ])(
    '%s: 401 step_up_required with the challenge, then done with a fresh multi-factor login',
    async (name) => {
      const op = operations.find((o) => o.name === name)!;
      const key = randomUUID();
      const call = async (login: keyof typeof LOGINS): Promise<ApiResponse> =>
        api(op.method, op.path, {
          headers: { ...(await as(login, op.user, op.role)), 'idempotency-key': key },
          ...(op.body !== undefined && { body: op.body }),
        });
      for (const login of ['password', 'multi-factor, 10 minutes ago'] as const) {
        const refused = await call(login);
        expect(refused.status, `${login}: ${JSON.stringify(refused.body)}`).toBe(401);
        expect(refused.body).toMatchObject({ code: 'step_up_required', maxAge: 300, acrValues: MFA_ACR });
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(refused.headers.get('www-authenticate'), login).toBe(CHALLENGE);
      }
      // The client signs in again as asked and retries the same request, same Idempotency-Key.
      const done = await call('multi-factor, just now');
      expect(done.status, JSON.stringify(done.body)).toBe(op.succeeds);
      expect(done.headers.get('idempotent-replayed')).toBeNull();
    },
  );

  it('asks no step-up for a preferences change that keeps the email', async () => {
    const user = uniqueUser('prefs');
    expect(
      (await api('PUT', '/v1/me/notification-preferences', { user, body: { email: `${user}@example.com` } }))
        .status,
    ).toBe(200);
    const res = await api('PUT', '/v1/me/notification-preferences', {
      headers: await as('password', user, 'buyer'),
      body: {
        email: `${user}@example.com`,
        preferences: [{ eventType: 'order.paid', channel: 'email', enabled: false }],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

/** A seller whose completed sale left money available, onboarded at the provider: payouts open. */
async function sellerWithEarnings() {
  const { seller, buyer, order } = await paidOrder({ amount: 5_000 });
  await api('POST', `/v1/orders/${order.id}/ship`, {
    user: seller,
    body: { carrier: 'DHL', trackingNumber: 'SU11' },
  });
  await api('POST', `/v1/orders/${order.id}/confirm-delivery`, { user: buyer });
  await eventually(
    async () => (await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status === 'completed',
  );
  return { seller, accountId: await onboardSeller(seller) };
}

async function openDispute(): Promise<string> {
  const { buyer, order } = await shippedOrder({ amount: 2_500 });
  const dispute = await api('POST', `/v1/orders/${order.id}/disputes`, {
    user: buyer,
    body: { reason: 'not_received', description: 'nothing came' },
  });
  expect(dispute.status).toBe(201);
  return dispute.body.id;
}

/** An order the fraud screen held for an operator (test/e2e/fraud-review-retry.test.ts: a large amount). */
async function orderHeldForReview(): Promise<string> {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Clock', amount: 700_000, currency: 'EUR', quantity: 1 },
  });
  const order = await api('POST', '/v1/orders', {
    user: buyer,
    body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(order.status).toBe(202);
  await eventually(
    async () =>
      (await api('GET', `/v1/orders/${order.body.id}`, { user: buyer })).body.deadlines?.fraudReviewBy,
  );
  return order.body.id;
}
