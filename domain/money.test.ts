import { describe, expect, it } from 'vitest';
import { feeFor, isCurrency, multiply } from './money.js';

describe('money', () => {
  it('takes the platform fee in basis points, rounded down in the seller’s favour', () => {
    expect(feeFor(10_000, 1000)).toBe(1000);
    expect(feeFor(1999, 1000)).toBe(199);
    expect(feeFor(1, 1000)).toBe(0);
    expect(feeFor(999_999_999, 250)).toBe(24_999_999);
  });

  it('multiplies unit prices exactly and refuses unsafe results', () => {
    expect(multiply({ amount: 1999, currency: 'EUR' }, 3)).toEqual({ amount: 5997, currency: 'EUR' });
    expect(() => multiply({ amount: Number.MAX_SAFE_INTEGER, currency: 'EUR' }, 2)).toThrow(RangeError);
  });

  it('knows ISO-4217 codes it settles and nothing else', () => {
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('XXX')).toBe(false);
    expect(isCurrency('toString')).toBe(false);
  });
});
