import { describe, expect, it } from 'vitest';
import { lateChargebackLines } from './chargeback.js';

const released = [
  { account: 'seller_available:s1', currency: 'EUR', amount: '9000' },
  { account: 'platform_fees', currency: 'EUR', amount: '1000' },
];
const sum = (lines: Array<{ amount: string }>) => lines.reduce((s, l) => s + BigInt(l.amount), 0n);

describe('late chargeback recovery', () => {
  it('takes the whole release back from the seller and the fee, balanced', () => {
    const lines = lateChargebackLines(released, 10_000, 'EUR')!;
    expect(lines).toEqual([
      { account: 'seller_available:s1', currency: 'EUR', amount: '-9000' },
      { account: 'platform_fees', currency: 'EUR', amount: '-1000' },
      { account: 'refunds', currency: 'EUR', amount: '10000' },
    ]);
    expect(sum(lines)).toBe(0n);
  });

  it('a partial chargeback splits in proportion and never takes more than was released', () => {
    const part = lateChargebackLines(released, 3_333, 'EUR')!;
    expect(part).toEqual([
      { account: 'seller_available:s1', currency: 'EUR', amount: '-3000' },
      { account: 'platform_fees', currency: 'EUR', amount: '-333' },
      { account: 'refunds', currency: 'EUR', amount: '3333' },
    ]);
    expect(sum(lateChargebackLines(released, 50_000, 'EUR')!)).toBe(0n);
    expect(lateChargebackLines(released, 50_000, 'EUR')!.at(-1)!.amount).toBe('10000');
  });

  it('nothing released (refunded, cancelled, other currency): no posting', () => {
    expect(lateChargebackLines([], 10_000, 'EUR')).toBeUndefined();
    expect(lateChargebackLines(released, 10_000, 'USD')).toBeUndefined();
  });
});
