/**
 * The PaymentProvider contract, run on both adapters: the sandbox provider against the stack's
 * sandbox, and the Stripe adapter against stripe-mock (Stripe's own OpenAPI validates every request).
 * Both sit behind a recording proxy that also answers injected errors in the provider's own format
 * where the provider cannot be made to produce them (stateless stripe-mock: declines, idempotency
 * conflicts; neither: a 429 on demand). stripe-mock's fixtures get the states Stripe documents
 * after each call (test/support/stripe-lifecycle.ts); stored state (refunded so far) is proven on the
 * sandbox; shapes, error mapping and key forwarding on both.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConnectedAccountProvider,
  IdempotencyMismatchError,
  PaymentDeclinedError,
  type PaymentProvider,
  ProviderUnavailableError,
} from '../../payments/provider.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { createStripeProvider } from '../../payments/stripe.js';
import { stack } from '../support/stack.js';
import { type StripeErrorReply, type StripeProxy, startStripeProxy } from '../support/stripe-proxy.js';

interface Target {
  name: 'sandbox' | 'stripe';
  upstream: () => string;
  provider: (url: string) => PaymentProvider & ConnectedAccountProvider;
  /** A payment method that authorizes. */
  goodCard: string;
  /** Makes the next authorization a decline: a real one where the provider can, injected otherwise. */
  declineNext: (proxy: StripeProxy) => string;
  /** The provider's answer to a reused key with other parameters. */
  idempotencyConflict: StripeErrorReply;
  rateLimited: StripeErrorReply;
  /** A real provider's onboarding states; stripe-mock answers a fixture account. */
  stateful: boolean;
}

const TARGETS: Target[] = [
  {
    name: 'sandbox',
    upstream: () => stack().sandboxUrl,
    provider: (url) => createSandboxProvider({ baseUrl: url, apiKey: 'sk_test_escrowflow', timeoutMs: 5000 }),
    goodCard: 'pm_card_ok',
    declineNext: () => 'pm_card_insufficient_funds',
    idempotencyConflict: {
      status: 400,
      error: { type: 'idempotency_error', code: 'idempotency_key_reused', message: 'reused' },
    },
    rateLimited: {
      status: 429,
      error: { type: 'rate_limit_error', code: 'rate_limited', message: 'too many requests' },
      headers: { 'retry-after': '2' },
    },
    stateful: true,
  },
  {
    name: 'stripe',
    upstream: () => stack().stripeMockUrl,
    provider: (url) =>
      createStripeProvider({ secretKey: 'sk_test_escrowflow', apiBase: url, maxNetworkRetries: 2 }),
    goodCard: 'pm_card_visa',
    declineNext: (proxy) => {
      // Stripe's documented answer to a confirmed PaymentIntent whose card is declined.
      proxy.arm((m, p) => m === 'POST' && p === '/v1/payment_intents', {
        status: 402,
        error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
      });
      return 'pm_card_visa_chargeDeclinedInsufficientFunds';
    },
    idempotencyConflict: {
      status: 400,
      error: {
        type: 'idempotency_error',
        message:
          'Keys for idempotent requests can only be used with the same parameters they were first used with.',
      },
    },
    rateLimited: {
      status: 429,
      error: {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message: 'Too many requests hit the API too quickly.',
      },
    },
    stateful: false,
  },
];

describe.each(TARGETS)('PaymentProvider contract: $name', (target) => {
  let proxy: StripeProxy;
  let provider: PaymentProvider & ConnectedAccountProvider;
  const run = randomUUID().slice(0, 8);
  const key = (step: string) => `contract-${run}:${step}`;

  beforeAll(async () => {
    // stripe-mock's fixtures get the states Stripe would have after each call (stripe-lifecycle.ts);
    // what stripe-mock answered (accepted or refused) is recorded before that.
    proxy = await startStripeProxy(target.upstream(), { lifecycle: target.name === 'stripe' });
    provider = target.provider(proxy.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  const sent = (k: string) => proxy.requests.filter((r) => r.idempotencyKey === k);

  it('authorizes, captures, refunds in part and transfers, every write under its own key', async () => {
    const intent = await provider.authorize({
      idempotencyKey: key('o1:authorize'),
      amount: 2_500,
      currency: 'EUR',
      paymentMethod: target.goodCard,
      metadata: { orderId: `o1-${run}` },
    });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent).toMatchObject({
      amount: expect.any(Number),
      currency: expect.stringMatching(/^[A-Z]{3}$/),
    });
    const captured = await provider.capture({
      idempotencyKey: key('o1:capture'),
      intentId: intent.id,
      amount: 2_000,
    });
    expect(captured.id).toBe(intent.id);
    const refund = await provider.refund({
      idempotencyKey: key('o1:refund'),
      intentId: intent.id,
      amount: 700,
    });
    expect(refund).toMatchObject({ id: expect.stringMatching(/^re_/), amount: 700, status: 'succeeded' });
    const transfer = await provider.createTransfer({
      idempotencyKey: key('p1:transfer'),
      destination: target.stateful ? 'acct_contract_ok' : 'acct_1Contract',
      amount: 1_100,
      currency: 'EUR',
      metadata: { payoutId: `p1-${run}` },
      group: `order_o1-${run}`,
    });
    expect(transfer).toMatchObject({ id: expect.stringMatching(/^tr_/), amount: 1_100, currency: 'EUR' });
    expect(['pending', 'paid']).toContain(transfer.status);
    expect((await provider.getTransfer(transfer.id)).id).toMatch(/^tr_/);

    // Each write reached the provider once, with the key its step derived, and was accepted.
    for (const step of ['o1:authorize', 'o1:capture', 'o1:refund', 'p1:transfer']) {
      expect(sent(key(step)).map((r) => r.status)).toEqual([200]);
    }
    // Every request, reads included, was accepted (stripe-mock: valid against Stripe's OpenAPI).
    expect(proxy.requests.filter((r) => r.status >= 400)).toEqual([]);
    if (target.name === 'stripe') {
      const create = sent(key('o1:authorize'))[0]!.body;
      expect(create.get('capture_method')).toBe('manual');
      expect(create.get('confirm')).toBe('true');
      expect(create.get('currency')).toBe('eur');
      expect(create.get('transfer_group')).toBe(`order_o1-${run}`);
      expect(sent(key('o1:capture'))[0]!.body.get('amount_to_capture')).toBe('2000');
      expect(sent(key('p1:transfer'))[0]!.body.get('transfer_group')).toBe(`order_o1-${run}`);
    }
    expect(intent.status).toBe('authorized');
    expect(captured).toMatchObject({ status: 'captured', amountCaptured: 2_000 });
    if (target.stateful) {
      expect(await provider.getIntent(intent.id)).toMatchObject({
        status: 'captured',
        amountCaptured: 2_000,
        amountRefunded: 700,
      });
    }
  });

  it('voids an authorization', async () => {
    const intent = await provider.authorize({
      idempotencyKey: key('o2:authorize'),
      amount: 900,
      currency: 'EUR',
      paymentMethod: target.goodCard,
    });
    const voided = await provider.void({ idempotencyKey: key('o2:void'), intentId: intent.id });
    expect(voided.id).toBe(intent.id);
    expect(sent(key('o2:void')).map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', `/v1/payment_intents/${intent.id}/cancel`, 200],
    ]);
    expect(voided.status).toBe('voided');
  });

  it('a declined card is a PaymentDeclinedError with the decline code', async () => {
    const method = target.declineNext(proxy);
    const err = await provider
      .authorize({
        idempotencyKey: key('o3:authorize'),
        amount: 1_000,
        currency: 'EUR',
        paymentMethod: method,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentDeclinedError);
    expect((err as PaymentDeclinedError).declineCode).toBe('insufficient_funds');
  });

  it('a key reused with other parameters is an IdempotencyMismatchError', async () => {
    const first = {
      idempotencyKey: key('o4:authorize'),
      amount: 1_000,
      currency: 'EUR' as const,
      paymentMethod: target.goodCard,
    };
    await provider.authorize(first);
    // The sandbox refuses it by itself; stateless stripe-mock cannot, so Stripe's answer is injected.
    if (!target.stateful)
      proxy.arm((m, p) => m === 'POST' && p === '/v1/payment_intents', target.idempotencyConflict);
    const err = await provider.authorize({ ...first, amount: 1_001 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdempotencyMismatchError);
    expect((err as IdempotencyMismatchError).idempotencyKey).toBe(key('o4:authorize'));
  });

  it('a 429 is ProviderUnavailableError with a delay; the retry with the same key goes through', async () => {
    proxy.arm((m, p) => m === 'POST' && p === '/v1/payment_intents', target.rateLimited);
    const req = {
      idempotencyKey: key('o5:authorize'),
      amount: 1_200,
      currency: 'EUR' as const,
      paymentMethod: target.goodCard,
    };
    const err = await provider.authorize(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderUnavailableError);
    expect((err as ProviderUnavailableError).retryAfterMs).toBeGreaterThan(0);
    // What Temporal does next: the same activity, the same key.
    const intent = await provider.authorize(req);
    expect(intent.id).toMatch(/^pi_/);
    expect(sent(key('o5:authorize')).map((r) => r.status)).toEqual([429, 200]);
  });

  it('creates a connected account and an onboarding link', async () => {
    const account = await provider.createAccount({
      idempotencyKey: key('seller:onboard'),
      sellerId: `s-${run}`,
    });
    expect(account).toMatchObject({ id: expect.stringMatching(/^acct_/), payoutsEnabled: false });
    const link = await provider.createOnboardingLink({
      accountId: account.id,
      refreshUrl: 'https://escrowflow.example/refresh',
      returnUrl: 'https://escrowflow.example/return',
    });
    expect(link.url).toMatch(/^https?:\/\//);
    expect(sent(key('seller:onboard')).map((r) => [r.path, r.status])).toEqual([['/v1/accounts', 200]]);
    expect((await provider.getAccount(account.id)).id).toBe(account.id);
  });
});

describe('Stripe adapter: the SDK retries what Stripe asks it to, with the same key', () => {
  it('a 429 with Stripe-Should-Retry: true is retried by the SDK under the same Idempotency-Key', async () => {
    const proxy = await startStripeProxy(stack().stripeMockUrl);
    try {
      const provider = createStripeProvider({
        secretKey: 'sk_test_x',
        apiBase: proxy.url,
        maxNetworkRetries: 1,
      });
      proxy.arm((m, p) => m === 'POST' && p === '/v1/refunds', {
        status: 429,
        error: { type: 'invalid_request_error', code: 'lock_timeout', message: 'lock timeout' },
        headers: { 'stripe-should-retry': 'true' },
      });
      const refund = await provider.refund({
        idempotencyKey: 'sdk-retry:refund',
        intentId: 'pi_123',
        amount: 300,
      });
      expect(refund.amount).toBe(300);
      expect(proxy.requests.map((r) => [r.idempotencyKey, r.status])).toEqual([
        ['sdk-retry:refund', 429],
        ['sdk-retry:refund', 200],
      ]);
    } finally {
      await proxy.close();
    }
  });
});
