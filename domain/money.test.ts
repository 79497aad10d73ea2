import { describe, expect, it } from 'vitest';
import { CURRENCIES, feeFor, isCurrency, multiply } from './money.js';

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

  it('settles 0-, 2- and 3-decimal currencies in their own minor units', () => {
    expect(CURRENCIES).toMatchObject({ JPY: 0, EUR: 2, BHD: 3 });
    expect(isCurrency('BHD')).toBe(true);
  });

  it('never creates or loses a minor unit when it splits an amount into fee and seller share', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 5_000; i++) {
      const amount = 1 + (next() % 1_000_000_000);
      const bps = next() % 5001;
      const fee = feeFor(amount, bps);
      const seller = amount - fee;
      expect(Number.isSafeInteger(fee) && fee >= 0 && fee <= amount).toBe(true);
      expect(BigInt(seller) + BigInt(fee)).toBe(BigInt(amount));
      // The seller gets at least their exact share: the fee is never rounded up.
      expect(BigInt(fee) * 10_000n <= BigInt(amount) * BigInt(bps)).toBe(true);
    }
  });
});
