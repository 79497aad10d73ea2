import { describe, expect, it } from 'vitest';
import { accounts } from './ids.js';
import {
  balanceOf,
  captureLines,
  type OrderMoney,
  refundLines,
  releasedShares,
  releaseLines,
  settlementLines,
} from './ledger.js';

const order: OrderMoney = { orderId: 'o1', sellerId: 's1', amount: 10_001, currency: 'EUR', feeBps: 1_000 };
const byAccount = (lines: { account: string; amount: string }[]) =>
  Object.fromEntries(lines.map((l) => [l.account, l.amount]));

describe('order postings', () => {
  it('capture and refund move the whole amount into and out of escrow', () => {
    expect(byAccount(captureLines(order))).toEqual({
      [accounts.buyerFunding('EUR')]: '-10001',
      [accounts.escrow('o1')]: '10001',
    });
    expect(byAccount(refundLines(order))).toEqual({ [accounts.escrow('o1')]: '-10001', refunds: '10001' });
  });

  it('release pays the seller the escrow minus the fee, the fee rounded down', () => {
    const { lines, fee } = releaseLines(order);
    expect(fee).toBe(1_000);
    expect(byAccount(lines)).toEqual({
      [accounts.escrow('o1')]: '-10001',
      [accounts.sellerAvailable('s1')]: '9001',
      platform_fees: '1000',
    });
  });

  it('a split decision refunds part and charges the fee only on the seller’s part', () => {
    const { lines, fee } = settlementLines(order, 4_001);
    expect(fee).toBe(600);
    expect(byAccount(lines)).toEqual({
      [accounts.escrow('o1')]: '-10001',
      refunds: '4001',
      [accounts.sellerAvailable('s1')]: '5400',
      platform_fees: '600',
    });
  });

  it('a full refund leaves out the seller and fee lines', () => {
    expect(byAccount(settlementLines(order, 10_001).lines)).toEqual({
      [accounts.escrow('o1')]: '-10001',
      refunds: '10001',
    });
  });

  it('what was released splits into the seller’s share and the fee', () => {
    expect(byAccount(releasedShares(order, 5_000))).toEqual({
      [accounts.sellerAvailable('s1')]: '4500',
      platform_fees: '500',
    });
  });

  it('every posting balances to zero in its currency, whatever the amounts', () => {
    for (const amount of [1, 2, 99, 10_000, 123_456_789]) {
      for (const feeBps of [0, 1, 250, 9_999]) {
        const o = { ...order, amount, feeBps };
        const postings = [
          captureLines(o),
          refundLines(o),
          releaseLines(o).lines,
          ...[0, 1, Math.floor(amount / 3), amount].map((refund) => settlementLines(o, refund).lines),
        ];
        for (const lines of postings) expect([...balanceOf(lines).values()]).toEqual([0n]);
      }
    }
  });
});
