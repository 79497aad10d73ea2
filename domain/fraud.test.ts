import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAUD_RULES, type FraudSignals, judgeFraud } from './fraud.js';
import { parseFraudRules } from './fraud-rules.js';

const clean: FraudSignals = {
  selfDealing: false,
  buyerOrders: 1,
  cardOrders: 1,
  accountAgeMs: 30 * 24 * 3600_000,
  amount: 4_500,
  currency: 'EUR',
};
const judge = (overrides: Partial<FraudSignals>) =>
  judgeFraud({ ...clean, ...overrides }, DEFAULT_FRAUD_RULES);

describe('fraud rules', () => {
  it('allows an ordinary purchase', () => {
    expect(judge({})).toEqual({ decision: 'allow', reasons: [] });
  });

  it('denies self-dealing whatever else is true', () => {
    expect(judge({ selfDealing: true })).toMatchObject({ decision: 'deny', reasons: ['self_dealing'] });
  });

  it('reviews above, and denies far above, the velocity limits (counts include this order)', () => {
    expect(judge({ buyerOrders: 10 }).decision).toBe('allow');
    expect(judge({ buyerOrders: 11 })).toMatchObject({ decision: 'review', reasons: ['buyer_velocity'] });
    expect(judge({ buyerOrders: 31 })).toMatchObject({ decision: 'deny', reasons: ['buyer_velocity'] });
    expect(judge({ cardOrders: 11 }).reasons).toEqual(['card_velocity']);
    expect(judge({ ipOrders: 201 }).decision).toBe('deny');
    expect(judge({ ipOrders: undefined }).decision).toBe('allow');
  });

  it('scales amount limits by the currency’s minor unit', () => {
    expect(judge({ amount: 500_000 }).decision).toBe('allow'); // €5,000.00 is the limit itself
    expect(judge({ amount: 500_001 })).toMatchObject({ decision: 'review', reasons: ['amount'] });
    expect(judge({ amount: 5_000_001 }).decision).toBe('deny');
    expect(judge({ amount: 750_001, currency: 'JPY' }).decision).toBe('review'); // ¥750,001 ≈ €5,000
    expect(judge({ amount: 750_000, currency: 'JPY' }).decision).toBe('allow');
    expect(judge({ amount: 5_000_001, currency: 'BHD' }).decision).toBe('review'); // 5,000.001 BD
  });

  it('reviews a new account buying something expensive, and explains every rule that fired', () => {
    expect(judge({ accountAgeMs: 60_000, amount: 100_001 })).toEqual({
      decision: 'review',
      reasons: ['new_account'],
      reviewTimeoutMs: DEFAULT_FRAUD_RULES.reviewTimeoutMs,
    });
    expect(judge({ accountAgeMs: 60_000, amount: 100_000 }).decision).toBe('allow');
    expect(judge({ accountAgeMs: 60_000, amount: 6_000_000, buyerOrders: 12 })).toMatchObject({
      decision: 'deny',
      reasons: ['amount', 'buyer_velocity', 'new_account'],
    });
  });

  it('reads partial rules from configuration and refuses bad ones by name', () => {
    const rules = parseFraudRules('{"amountMajor":{"review":100,"deny":1000}}');
    expect(rules.amountMajor).toEqual({ review: 100, deny: 1000 });
    expect(rules.buyerVelocity).toEqual(DEFAULT_FRAUD_RULES.buyerVelocity);
    expect(parseFraudRules(undefined)).toEqual(DEFAULT_FRAUD_RULES);
    expect(() => parseFraudRules('{"buyerVelocity":{"review":-1,"deny":2}}')).toThrow(/review/);
    expect(() => parseFraudRules('not json')).toThrow();
  });
});
