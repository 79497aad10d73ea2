/** The per-order money rule shared by `npm run chaos` and the e2e tests (test/support/money.ts). */
import { describe, expect, it } from 'vitest';
import type { IntentRecord } from '../sandbox/store.js';
import { orderMoneyProblems } from './invariants.js';

const intent = (over: Partial<IntentRecord>): IntentRecord => ({
  id: 'pi_1',
  status: 'captured',
  amount: 9_000,
  currency: 'EUR',
  amount_captured: 9_000,
  amount_refunded: 0,
  payment_method: 'pm_card_ok',
  metadata: { orderId: 'ord_1' },
  created: 0,
  ...over,
});
const order = (status: string, funded: number, refunded: number) => ({
  id: 'ord_1',
  status,
  funded,
  refunded,
});

describe('orderMoneyProblems', () => {
  it('captures − refunds − chargebacks equal the ledger in − out', () => {
    const split = intent({ amount_refunded: 1_000, amount_disputed: 3_000 });
    expect(orderMoneyProblems(order('split', 9_000, 4_000), [split])).toEqual([]);
    expect(orderMoneyProblems(order('split', 9_000, 1_000), [split])).toEqual([
      'ord_1 (split): provider holds 5000 (pi_1 captured 9000 refunded 1000 disputed 3000), ledger net 8000 (in 9000, refunded 1000)',
    ]);
    expect(orderMoneyProblems(order('failed', 0, 0), [])).toEqual([]);
  });

  it('finds a hold left on a final, failed or cancelled order', () => {
    const hold = intent({ status: 'authorized', amount_captured: 0 });
    for (const status of ['cancelled', 'failed', 'completed'])
      expect(orderMoneyProblems(order(status, 0, 0), [hold])).toEqual([
        `ord_1 (${status}): pi_1 still authorized, a hold of 9000`,
      ]);
    expect(orderMoneyProblems(order('failed', 0, 0), [{ ...hold, status: 'voided' }])).toEqual([]);
  });

  it('says nothing of an order still moving its money', () => {
    expect(orderMoneyProblems(order('authorized', 0, 0), [intent({ status: 'authorized' })])).toEqual([]);
    expect(orderMoneyProblems(order('disputed', 9_000, 0), [intent({ amount_disputed: 9_000 })])).toEqual([]);
  });
});
