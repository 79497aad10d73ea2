import { describe, expect, it } from 'vitest';
import type { LedgerLine } from './ledger.js';
import { payoutInTransitLines, payoutPaidLines, payoutReversedLines } from './payout-ledger.js';

const payout = { sellerId: 's1', amount: 9_000, currency: 'EUR' } as const;

/** What a sequence of postings leaves per account, zero balances dropped. */
const balances = (...postings: LedgerLine[][]) => {
  const by = new Map<string, bigint>();
  for (const line of postings.flat())
    by.set(line.account, (by.get(line.account) ?? 0n) + BigInt(line.amount));
  return Object.fromEntries([...by].filter(([, v]) => v !== 0n));
};

describe('payout postings', () => {
  it('moves the whole amount from available to in transit, balanced', () => {
    expect(payoutInTransitLines(payout)).toEqual([
      { account: 'seller_available:s1', currency: 'EUR', amount: '-9000' },
      { account: 'payout_in_transit:s1', currency: 'EUR', amount: '9000' },
    ]);
    expect(balances(payoutInTransitLines(payout))).toEqual({
      'seller_available:s1': -9000n,
      'payout_in_transit:s1': 9000n,
    });
  });

  it('paid: nothing stays in transit, the seller is paid out', () => {
    expect(balances(payoutInTransitLines(payout), payoutPaidLines(payout))).toEqual({
      'seller_available:s1': -9000n,
      'seller_paid_out:s1': 9000n,
    });
  });

  it('failed: the reversal gives the seller back exactly what went in transit', () => {
    expect(payoutReversedLines(payout)).toEqual([
      { account: 'payout_in_transit:s1', currency: 'EUR', amount: '-9000' },
      { account: 'seller_available:s1', currency: 'EUR', amount: '9000' },
    ]);
    expect(balances(payoutInTransitLines(payout), payoutReversedLines(payout))).toEqual({});
  });
});
