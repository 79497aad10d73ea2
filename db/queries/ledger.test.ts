import { describe, expect, it } from 'vitest';
import { assertBalanced, UnbalancedPostingError } from './ledger.js';

describe('assertBalanced', () => {
  it('accepts lines that sum to zero per currency', () => {
    expect(() =>
      assertBalanced([
        { account: 'buyer_funding:EUR', currency: 'EUR', amount: '-1999' },
        { account: 'escrow:o1', currency: 'EUR', amount: '1999' },
        { account: 'buyer_funding:USD', currency: 'USD', amount: '-5' },
        { account: 'escrow:o2', currency: 'USD', amount: '5' },
      ]),
    ).not.toThrow();
  });

  it('refuses unbalanced, single-line, zero and cross-currency postings', () => {
    expect(() => assertBalanced([{ account: 'a', currency: 'EUR', amount: '1' }])).toThrow(
      UnbalancedPostingError,
    );
    expect(() =>
      assertBalanced([
        { account: 'a', currency: 'EUR', amount: '-10' },
        { account: 'b', currency: 'EUR', amount: '9' },
      ]),
    ).toThrow(/sum to -1/);
    expect(() =>
      assertBalanced([
        { account: 'a', currency: 'EUR', amount: '-10' },
        { account: 'b', currency: 'USD', amount: '10' },
      ]),
    ).toThrow(UnbalancedPostingError);
    expect(() =>
      assertBalanced([
        { account: 'a', currency: 'EUR', amount: '0' },
        { account: 'b', currency: 'EUR', amount: '0' },
      ]),
    ).toThrow(UnbalancedPostingError);
  });

  it('sums beyond the float range exactly', () => {
    const big = (2n ** 60n).toString();
    expect(() =>
      assertBalanced([
        { account: 'a', currency: 'EUR', amount: `-${big}` },
        { account: 'b', currency: 'EUR', amount: big },
      ]),
    ).not.toThrow();
  });
});
