/** The chaos load's chargebacks: which orders get which, what they take, and what each should end as. */
import { describe, expect, it } from 'vitest';
import { AT_RESOLUTION, type ChargebackEvent, partOf } from './chargebacks.js';
import { expectedOutcomes, itemKept } from './checks.js';
import { type OrderRun, planLoad, resolveBody } from './load.js';

const dispute = (over: Partial<OrderRun> = {}): OrderRun => ({
  index: 1,
  scenario: 'dispute',
  buyer: 'b',
  seller: 's',
  listing: 'l',
  paymentMethod: 'pm_card_ok',
  waitForPayment: false,
  resolution: 'release',
  restock: false,
  alreadyDone: [],
  notes: [],
  ...over,
});
const chargeback = (over: Partial<ChargebackEvent>): ChargebackEvent => ({
  orderId: 'ord_1',
  moment: 'resolve',
  part: 'partial',
  at: '2026-01-01T00:00:00Z',
  intentId: 'pi_1',
  result: 'charged_back',
  held: 9_000,
  amount: 4_000,
  ...over,
});

describe('chaos chargebacks', () => {
  it('a part is 1 to what the intent holds less 1', () => {
    expect(partOf(9_000, 0)).toBe(1);
    expect(partOf(9_000, 0.999999)).toBe(8_999);
    expect(partOf(2, 0.5)).toBe(1);
  });

  it('the plan charges back dispute orders at their resolution, and a share of chargebacks in part', () => {
    const { orders } = planLoad('run', 200, 7);
    const atResolution = orders.filter((o) => AT_RESOLUTION.includes(o.chargebackAt!));
    expect(atResolution.length).toBeGreaterThan(4);
    expect(atResolution.every((o) => o.scenario === 'dispute')).toBe(true);
    expect(new Set(atResolution.map((o) => o.chargebackAt))).toEqual(new Set(['resolve', 'resolved']));
    const parts = orders.flatMap((o) => (o.chargebackAt ? [o.chargebackPart] : []));
    expect(parts.filter((p) => p === 'partial').length).toBeGreaterThan(5);
    expect(parts.filter((p) => p === 'full').length).toBeGreaterThan(5);
    expect(planLoad('run', 200, 7)).toEqual(planLoad('run', 200, 7));
  });

  it("the operator's resolution refunds at least what the bank took", () => {
    expect(resolveBody(dispute(), 9_000)).toEqual({ outcome: 'release' });
    expect(resolveBody(dispute({ chargeback: chargeback({}) }), 9_000)).toEqual({
      outcome: 'split',
      refundAmount: 4_000,
      restock: false,
    });
    const split = dispute({ resolution: 'split', restock: true });
    expect(resolveBody({ ...split, chargeback: chargeback({ amount: 1_000 }) }, 9_000)).toEqual({
      outcome: 'split',
      refundAmount: 3_000,
      restock: true,
    });
    expect(resolveBody({ ...split, chargeback: chargeback({ part: 'full', amount: 9_000 }) }, 9_000)).toEqual(
      { outcome: 'refund', restock: true },
    );
    expect(
      resolveBody({ ...split, chargeback: chargeback({ result: 'nothing_to_dispute' }) }, 9_000),
    ).toEqual({
      outcome: 'split',
      refundAmount: 3_000,
      restock: true,
    });
  });

  it('a chargeback at the resolution ends as decided, or as the bank raised it', () => {
    const release = dispute({ chargebackAt: 'resolve' });
    expect(expectedOutcomes({ ...release, chargeback: chargeback({}) })).toEqual(['completed', 'split']);
    expect(expectedOutcomes({ ...release, chargeback: chargeback({ part: 'full' }) })).toEqual([
      'completed',
      'refunded',
    ]);
    const split = dispute({ resolution: 'split', chargebackAt: 'resolved' });
    expect(expectedOutcomes({ ...split, chargeback: chargeback({ moment: 'resolved' }) })).toEqual(['split']);
    const refund = dispute({ resolution: 'refund' });
    expect(expectedOutcomes({ ...refund, chargeback: chargeback({ part: 'full' }) })).toEqual(['refunded']);
    expect(
      expectedOutcomes({
        ...refund,
        chargeback: chargeback({ result: 'nothing_to_dispute', amount: undefined }),
      }),
    ).toEqual(['refunded']);
  });

  it("a part at an open dispute bounds the operator's decision; a part elsewhere is settled by seller or operator", () => {
    const open = (resolution: OrderRun['resolution']) =>
      expectedOutcomes(dispute({ resolution, chargeback: chargeback({ moment: 'dispute' }) }));
    expect(open('release')).toEqual(['split']);
    expect(open('split')).toEqual(['split']);
    expect(open('refund')).toEqual(['refunded']);
    const paid = (index: number) =>
      expectedOutcomes(dispute({ index, scenario: 'normal', chargeback: chargeback({ moment: 'paid' }) }));
    expect(paid(1)).toEqual(['split']);
    expect(paid(2)).toEqual(['refunded']);
    expect(
      expectedOutcomes(
        dispute({ scenario: 'normal', chargeback: chargeback({ moment: 'confirm', part: 'full' }) }),
      ),
    ).toEqual(['refunded', 'completed']);
  });

  it('keeps the item unless restocked; at the resolution the bank may decide before the restock', () => {
    const restocking = dispute({ resolution: 'refund', restock: true });
    expect(itemKept(restocking, 'refunded')).toEqual([0, 0]);
    expect(itemKept(dispute(), 'completed')).toEqual([1, 1]);
    expect(itemKept(dispute(), 'failed')).toEqual([0, 0]);
    expect(itemKept({ ...restocking, chargeback: chargeback({ moment: 'paid' }) }, 'refunded')).toEqual([
      1, 1,
    ]);
    expect(itemKept({ ...restocking, chargeback: chargeback({ moment: 'dispute' }) }, 'refunded')).toEqual([
      0, 0,
    ]);
    expect(itemKept({ ...restocking, chargeback: chargeback({}) }, 'refunded')).toEqual([0, 1]);
  });
});
