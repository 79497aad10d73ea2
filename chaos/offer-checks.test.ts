/** The chaos run's offer rules: holds voided on every ending but acceptance, one capture at the offer's amount. */
import { describe, expect, it } from 'vitest';
import type { IntentRecord } from '../sandbox/store.js';
import { negotiatedOrderProblems, offerHoldProblems, unexpectedOfferEnds } from './offer-checks.js';
import { expectedOfferEnds, type OfferRun, planOffers, share } from './offers.js';

const hold = (over: Partial<IntentRecord>): IntentRecord => ({
  id: 'pi_1',
  status: 'voided',
  amount: 7_000,
  currency: 'EUR',
  amount_captured: 0,
  amount_refunded: 0,
  payment_method: 'pm_card_ok',
  metadata: { orderId: 'ord_off_1', offerId: 'off_1' },
  created: 0,
  ...over,
});
const offer = (status: string, over: Partial<{ amount: number; order_id: string | null }> = {}) => ({
  id: 'off_1',
  status,
  reason: null,
  amount: 8_000,
  order_id: null,
  ...over,
});
const order = { id: 'ord_off_1', amount: 8_000, status: 'completed' };
const captured = (amount = 8_000) =>
  hold({ id: 'pi_2', amount, status: 'captured', amount_captured: amount });
const once = { 'order-ord_off_1:capture': 1 };

describe('offerHoldProblems', () => {
  it('an offer that ended without a sale holds nothing: every authorization voided', () => {
    expect(offerHoldProblems(offer('expired'), [hold({}), hold({ id: 'pi_2' })], undefined, {})).toEqual([]);
    expect(offerHoldProblems(offer('failed'), [], undefined, {})).toEqual([]);
    expect(
      offerHoldProblems(
        offer('withdrawn'),
        [hold({}), hold({ id: 'pi_2', status: 'authorized' })],
        undefined,
        {},
      ),
    ).toEqual(['offer off_1 (withdrawn): hold not voided: pi_2 authorized 7000']);
  });

  it('an offer still live at the end is a problem of its own', () => {
    expect(offerHoldProblems(offer('countered'), [hold({ status: 'authorized' })], undefined, {})).toEqual([
      'offer off_1 (countered): still live',
    ]);
  });

  it('an accepted offer: its order at the amount, one capture on its last hold, the earlier ones voided', () => {
    const accepted = offer('accepted', { order_id: 'ord_off_1' });
    expect(offerHoldProblems(accepted, [hold({}), captured()], order, once)).toEqual([]);
    expect(offerHoldProblems(accepted, [hold({ status: 'authorized' }), captured()], order, once)).toEqual([
      'offer off_1 (accepted): an earlier hold not voided: pi_1 authorized',
    ]);
    expect(offerHoldProblems(accepted, [captured(7_000)], { ...order, amount: 7_000 }, once)).toEqual([
      'offer off_1 (accepted): order ord_off_1 at 7000, the offer at 8000',
      'offer off_1 (accepted): pi_2 captured 7000, the offer at 8000',
    ]);
    expect(offerHoldProblems(accepted, [captured()], order, { 'order-ord_off_1:capture': 2 })).toEqual([
      'offer off_1 (accepted): order ord_off_1 captured 1 intents, 2 capture effects',
    ]);
  });

  it('an accepted offer whose order authorized again is caught, by intent or by effect', () => {
    const accepted = offer('accepted', { order_id: 'ord_off_1' });
    const second = captured();
    second.metadata = { orderId: 'ord_off_1' };
    expect(offerHoldProblems(accepted, [hold({}), second], order, once)).toEqual([
      'offer off_1 (accepted): order ord_off_1 authorized again (pi_2)',
    ]);
    expect(
      offerHoldProblems(accepted, [captured()], order, { ...once, 'order-ord_off_1:authorize': 1 }),
    ).toEqual(['offer off_1 (accepted): order ord_off_1 authorized again (order-ord_off_1:authorize)']);
  });

  it('an accepted offer whose order failed before the capture leaves its hold voided', () => {
    const accepted = offer('accepted', { order_id: 'ord_off_1' });
    const failed = { ...order, status: 'failed' };
    expect(offerHoldProblems(accepted, [hold({})], failed, {})).toEqual([]);
    expect(offerHoldProblems(accepted, [hold({ status: 'authorized' })], failed, {})).toEqual([
      'offer off_1 (accepted): order ord_off_1 failed, hold not voided: pi_1 authorized 7000',
    ]);
    expect(offerHoldProblems(accepted, [], undefined, {})).toEqual([
      'offer off_1 (accepted): no order ord_off_1',
    ]);
  });
});

describe('offer ends as planned', () => {
  const run = (
    scenario: OfferRun['scenario'],
    offerIds: string[],
    expiredBeforeMove?: boolean,
  ): OfferRun => ({
    index: 0,
    scenario,
    seller: 's',
    buyers: offerIds.map((_, k) => `b${k}`),
    price: 10_000,
    offerIds,
    ended: [],
    orders: [],
    notes: [],
    ...(expiredBeforeMove && { expiredBeforeMove }),
  });
  const rows = (...list: Array<[string, string, string | null]>) =>
    new Map(list.map(([id, status, reason]) => [id, { id, status, reason, amount: 1, order_id: null }]));

  it('sold out: the accepted one, the others declined sold_out; an expiry only after a delayed move', () => {
    const soldOut = run('sold_out', ['o0', 'o1', 'o2']);
    expect(
      unexpectedOfferEnds(
        [soldOut],
        rows(['o0', 'declined', 'sold_out'], ['o1', 'accepted', null], ['o2', 'declined', 'sold_out']),
      ),
    ).toEqual([]);
    expect(unexpectedOfferEnds([run('accept', ['o0'])], rows(['o0', 'expired', null]))).toEqual([
      '#0 accept o0: expired, expected accepted',
    ]);
    expect(unexpectedOfferEnds([run('accept', ['o0'], true)], rows(['o0', 'expired', null]))).toEqual([]);
    expect(unexpectedOfferEnds([run('withdraw', ['o0'])], new Map())).toEqual([
      '#0 withdraw o0: missing, expected withdrawn',
    ]);
  });

  it('the plan runs every scenario in turn, one offer each but three for sold_out', () => {
    const { cases } = planOffers('r', 11, 7);
    expect(new Set(cases.map((c) => c.scenario)).size).toBe(11);
    for (const c of cases) expect(expectedOfferEnds(c)).toHaveLength(c.scenario === 'sold_out' ? 3 : 1);
    // A negotiation's amounts: shares of the price in whole hundreds, below it.
    expect([share(5_100, 70), share(5_100, 85), share(9_900, 90)]).toEqual([3_600, 4_300, 8_900]);
  });
});

describe('negotiatedOrderProblems', () => {
  it('orders of offers and auctions complete; only an auction winner’s first order may fail its payment', () => {
    expect(
      negotiatedOrderProblems([
        { id: 'ord_off_1', listing_id: 'lst_9', status: 'completed', failure_reason: null },
        { id: 'ord_lst_1_1', listing_id: 'lst_1', status: 'failed', failure_reason: 'payment_declined' },
      ]),
    ).toEqual([]);
    expect(
      negotiatedOrderProblems([
        { id: 'ord_off_1', listing_id: 'lst_9', status: 'failed', failure_reason: 'payment_declined' },
        { id: 'ord_lst_1_2', listing_id: 'lst_1', status: 'paid', failure_reason: null },
      ]),
    ).toEqual(['ord_off_1: failed:payment_declined', 'ord_lst_1_2: paid']);
  });
});
