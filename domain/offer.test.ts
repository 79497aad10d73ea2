import { describe, expect, it } from 'vitest';
import { applyMove, autoOutcome, type OfferState, offerExpiry, refuseMove } from './offer.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function offer(over: Partial<OfferState> = {}): OfferState {
  return {
    offerId: 'off_1',
    status: 'pending',
    turn: 'seller',
    amount: 6_000,
    buyerAmount: 6_000,
    sellerAmount: 10_000,
    history: [{ by: 'buyer', action: 'offer', amount: 6_000, at: 't0' }],
    version: 1,
    ...over,
  };
}

describe('offer moves', () => {
  it('the party whose turn it is moves; the buyer withdraws only on the seller’s turn', () => {
    expect(refuseMove(offer(), 'seller', { action: 'accept' })).toBeUndefined();
    expect(refuseMove(offer(), 'buyer', { action: 'accept' })?.type).toBe('invalid_state');
    expect(refuseMove(offer(), 'buyer', { action: 'withdraw' })).toBeUndefined();
    const countered = offer({ status: 'countered', turn: 'buyer' });
    expect(refuseMove(countered, 'seller', { action: 'decline' })?.type).toBe('invalid_state');
    expect(refuseMove(countered, 'buyer', { action: 'withdraw' })?.type).toBe('invalid_state');
    expect(refuseMove(countered, 'buyer', { action: 'decline' })).toBeUndefined();
    for (const status of ['accepted', 'declined', 'expired', 'withdrawn', 'failed'] as const)
      expect(refuseMove(offer({ status }), 'seller', { action: 'accept' })).toMatchObject({
        type: 'invalid_state',
        message: `the offer is ${status}`,
      });
  });

  it('a counter lies strictly between the buyer’s last amount and the seller’s', () => {
    for (const amount of [6_000, 10_000, 5_000, 12_000, 7_000.5])
      expect(refuseMove(offer(), 'seller', { action: 'counter', amount })?.type).toBe('amount_out_of_range');
    expect(refuseMove(offer(), 'seller', { action: 'counter', amount: 9_999 })).toBeUndefined();
    expect(refuseMove(offer(), 'seller', { action: 'counter', amount: 6_001 })).toBeUndefined();
  });

  it('applies counters turn by turn; accepting agrees to the other party’s last amount', () => {
    const seller = applyMove(offer(), 'seller', { action: 'counter', amount: 9_000 }, 't1');
    expect(seller).toMatchObject({
      status: 'countered',
      turn: 'buyer',
      amount: 9_000,
      sellerAmount: 9_000,
      version: 2,
    });
    const buyer = applyMove(seller, 'buyer', { action: 'counter', amount: 7_500 }, 't2');
    expect(buyer).toMatchObject({ status: 'pending', turn: 'seller', amount: 7_500, buyerAmount: 7_500 });
    expect(applyMove(buyer, 'seller', { action: 'accept' }, 't3')).toMatchObject({
      amount: 7_500,
      turn: 'none',
    });
    expect(applyMove(seller, 'buyer', { action: 'accept' }, 't3')).toMatchObject({
      amount: 9_000,
      turn: 'none',
    });
    expect(applyMove(seller, 'buyer', { action: 'decline' }, 't3')).toMatchObject({
      status: 'declined',
      reason: 'buyer_declined',
    });
    expect(buyer.history.map((h) => `${h.by} ${h.action} ${h.amount} ${h.at}`)).toEqual([
      'buyer offer 6000 t0',
      'seller counter 9000 t1',
      'buyer counter 7500 t2',
    ]);
  });

  it('expires OFFER_TTL after the last move, never past the hold’s validity less the margin', () => {
    const terms = { ttlMs: 48 * HOUR, holdValidityMs: 7 * DAY, holdMarginMs: DAY };
    expect(offerExpiry(0, 0, terms)).toBe(48 * HOUR);
    expect(offerExpiry(5 * DAY, 0, terms)).toBe(6 * DAY);
    expect(offerExpiry(5 * DAY, 4 * DAY, terms)).toBe(7 * DAY);
  });

  it('the listing’s thresholds: decline below one, accept at or above the other', () => {
    const t = { autoAcceptAmount: 9_000, autoDeclineAmount: 5_000 };
    expect(autoOutcome({ amount: 4_999, ...t })).toBe('decline');
    expect(autoOutcome({ amount: 5_000, ...t })).toBeUndefined();
    expect(autoOutcome({ amount: 9_000, ...t })).toBe('accept');
    expect(autoOutcome({ amount: 9_000 })).toBeUndefined();
  });
});
