import { describe, expect, it } from 'vitest';
import { withCircuitBreaker } from './circuit-breaker.js';
import {
  PaymentDeclinedError,
  type PaymentIntent,
  type PaymentProvider,
  ProviderUnavailableError,
} from './provider.js';

const intent: PaymentIntent = {
  id: 'pi_1',
  status: 'authorized',
  amount: 100,
  currency: 'EUR',
  amountCaptured: 0,
  amountRefunded: 0,
};

function fakeProvider() {
  const calls = { count: 0 };
  let mode: 'down' | 'up' | 'decline' = 'up';
  const provider = {
    name: 'fake',
    async getIntent() {
      calls.count += 1;
      if (mode === 'down') throw new ProviderUnavailableError('503');
      if (mode === 'decline') throw new PaymentDeclinedError('card_declined');
      return intent;
    },
  } as unknown as PaymentProvider;
  return { provider, calls, set: (m: typeof mode) => (mode = m) };
}

describe('circuit breaker', () => {
  it('opens after consecutive outages, fails fast with a retry hint, and closes after a good trial', async () => {
    let t = 0;
    const fake = fakeProvider();
    const changes: string[] = [];
    const breaker = withCircuitBreaker(fake.provider, {
      failureThreshold: 3,
      cooldownMs: 1_000,
      now: () => t,
      onStateChange: (s) => changes.push(s),
    });
    fake.set('down');
    for (let i = 0; i < 3; i++) await expect(breaker.getIntent('pi_1')).rejects.toThrow('503');
    expect(breaker.state()).toBe('open');
    t = 400;
    const fast = await breaker.getIntent('pi_1').catch((e: ProviderUnavailableError) => e);
    expect(fast).toBeInstanceOf(ProviderUnavailableError);
    expect((fast as ProviderUnavailableError).retryAfterMs).toBe(600);
    expect(fake.calls.count).toBe(3); // the open circuit did not call the provider

    t = 1_000; // half-open: one trial, still down → open again
    await expect(breaker.getIntent('pi_1')).rejects.toThrow('503');
    expect(breaker.state()).toBe('open');
    t = 2_100;
    fake.set('up');
    expect(await breaker.getIntent('pi_1')).toBe(intent);
    expect(breaker.state()).toBe('closed');
    expect(changes).toEqual(['open', 'open', 'closed']);
  });

  it('counts business answers as the provider being up', async () => {
    const fake = fakeProvider();
    const breaker = withCircuitBreaker(fake.provider, { failureThreshold: 2 });
    fake.set('down');
    await expect(breaker.getIntent('pi_1')).rejects.toThrow();
    fake.set('decline');
    await expect(breaker.getIntent('pi_1')).rejects.toBeInstanceOf(PaymentDeclinedError);
    fake.set('down');
    await expect(breaker.getIntent('pi_1')).rejects.toThrow();
    expect(breaker.state()).toBe('closed');
  });
});
