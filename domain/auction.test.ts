import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AcceptedBid,
  type AuctionTerms,
  type BidOutcome,
  extendedEnd,
  isRefusal,
  minimumBid,
  openingStanding,
  placeBid,
  reserveMet,
  type Standing,
  standingOf,
} from './auction.js';

const terms: AuctionTerms = { startAmount: 1_000, bidIncrement: 100 };

/** Places bids in order, each expected accepted; answers every outcome. */
function bidAll(
  t: AuctionTerms,
  bids: [string, number][],
  from: Standing = openingStanding(t),
): BidOutcome[] {
  const outcomes: BidOutcome[] = [];
  let s = from;
  for (const [bidderId, maxAmount] of bids) {
    const o = placeBid(t, s, { bidderId, maxAmount });
    if (isRefusal(o)) throw new Error(`${bidderId} ${maxAmount} refused: minimum ${o.minimumBid}`);
    outcomes.push(o);
    s = o.standing;
  }
  return outcomes;
}
const last = (outcomes: BidOutcome[]) => outcomes.at(-1)!;

describe('proxy bidding', () => {
  it('a lone bidder leads at the start amount; the next bid sets the price one increment above the lower maximum', () => {
    const [a, b] = bidAll(terms, [
      ['ann', 5_000],
      ['bob', 2_000],
    ]);
    expect(a).toMatchObject({ status: 'leading', standing: { currentPrice: 1_000, leaderId: 'ann' } });
    expect(b).toMatchObject({ status: 'outbid', standing: { currentPrice: 2_100, leaderId: 'ann' } });
    expect(b?.outbidId).toBeUndefined();
  });

  it('a higher maximum takes the lead at the old leader’s maximum plus the increment, and names who was outbid', () => {
    const o = last(
      bidAll(terms, [
        ['ann', 3_000],
        ['bob', 5_000],
      ]),
    );
    expect(o).toMatchObject({
      status: 'leading',
      outbidId: 'ann',
      standing: { leaderId: 'bob', currentPrice: 3_100 },
    });
  });

  it('the price is capped by the highest maximum', () => {
    const o = last(
      bidAll(terms, [
        ['ann', 3_000],
        ['bob', 3_050],
      ]),
    );
    expect(o.standing).toMatchObject({ leaderId: 'bob', currentPrice: 3_050 });
  });

  it('equal maxima: the earlier bid keeps the lead at that maximum', () => {
    const o = last(
      bidAll(terms, [
        ['ann', 3_000],
        ['bob', 3_000],
      ]),
    );
    expect(o).toMatchObject({ status: 'outbid', standing: { leaderId: 'ann', currentPrice: 3_000 } });
    expect(
      standingOf(terms, [
        { bidderId: 'ann', maxAmount: 3_000, seq: 1 },
        { bidderId: 'bob', maxAmount: 3_000, seq: 2 },
      ]),
    ).toMatchObject({ leaderId: 'ann', currentPrice: 3_000 });
  });

  it('below the minimum bid: refused with the minimum (start, price + increment, own maximum + increment)', () => {
    const open = openingStanding(terms);
    expect(placeBid(terms, open, { bidderId: 'ann', maxAmount: 999 })).toEqual({
      type: 'bid_too_low',
      minimumBid: 1_000,
    });
    const s = last(
      bidAll(terms, [
        ['ann', 3_000],
        ['bob', 2_000],
      ]),
    ).standing;
    expect(minimumBid(terms, s)).toBe(2_200);
    expect(placeBid(terms, s, { bidderId: 'cat', maxAmount: 2_199 })).toEqual({
      type: 'bid_too_low',
      minimumBid: 2_200,
    });
    expect(placeBid(terms, s, { bidderId: 'ann', maxAmount: 3_000 })).toEqual({
      type: 'bid_too_low',
      minimumBid: 3_100,
    });
    expect(placeBid(terms, s, { bidderId: 'cat', maxAmount: 2_200.5 })).toMatchObject({
      type: 'bid_too_low',
    });
  });

  it('the leader raises their own maximum: still leading, the price unchanged; an outbid bidder raises to lead', () => {
    const [, , raised, back] = bidAll(terms, [
      ['ann', 3_000],
      ['bob', 2_000],
      ['ann', 9_000],
      ['bob', 9_500],
    ]);
    expect(raised).toMatchObject({
      status: 'leading',
      standing: { leaderId: 'ann', leaderMax: 9_000, currentPrice: 2_100 },
    });
    expect(raised?.outbidId).toBeUndefined();
    expect(back).toMatchObject({
      status: 'leading',
      outbidId: 'ann',
      standing: { leaderId: 'bob', currentPrice: 9_100 },
    });
  });

  it('reserve: met once a maximum reaches it, and the price lifts to it; not met below', () => {
    const withReserve: AuctionTerms = { ...terms, reserveAmount: 5_000 };
    const [below, met, second] = bidAll(withReserve, [
      ['ann', 4_000],
      ['bob', 6_000],
      ['cat', 5_500],
    ]);
    expect(reserveMet(withReserve, below!.standing)).toBe(false);
    expect(below!.standing.currentPrice).toBe(1_000);
    // bob's maximum meets the reserve: the price is the reserve, not ann's 4,000 + 100.
    expect(met!.standing).toMatchObject({ leaderId: 'bob', currentPrice: 5_000 });
    expect(reserveMet(withReserve, met!.standing)).toBe(true);
    expect(second!.standing.currentPrice).toBe(5_600);
    expect(reserveMet(withReserve, openingStanding(withReserve))).toBe(false);
    expect(reserveMet(terms, openingStanding(terms))).toBe(false);
  });

  it('without the failed winner: the next bidder at the price the others give', () => {
    const bids: AcceptedBid[] = [
      { bidderId: 'ann', maxAmount: 3_000, seq: 1 },
      { bidderId: 'bob', maxAmount: 8_000, seq: 2 },
      { bidderId: 'cat', maxAmount: 4_000, seq: 3 },
      { bidderId: 'ann', maxAmount: 5_000, seq: 4 },
    ];
    expect(standingOf(terms, bids)).toMatchObject({ leaderId: 'bob', currentPrice: 5_100, bidCount: 4 });
    expect(standingOf(terms, bids, 'bob')).toMatchObject({
      leaderId: 'ann',
      currentPrice: 4_100,
      secondMax: 4_000,
    });
    expect(standingOf(terms, bids.slice(0, 2), 'bob')).toMatchObject({
      leaderId: 'ann',
      currentPrice: 1_000,
    });
    expect(standingOf(terms, bids.slice(1, 2), 'bob')).toMatchObject({ bidCount: 0, currentPrice: 1_000 });
    expect(standingOf(terms, bids.slice(1, 2), 'bob').leaderId).toBeUndefined();
  });

  it('any sequence of accepted bids: the incremental standing equals the replay, and the price never goes down', () => {
    const bidders = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...bidders), fc.integer({ min: 0, max: 30_000 })), {
          maxLength: 40,
        }),
        fc.option(fc.integer({ min: 1_000, max: 20_000 }), { nil: undefined }),
        (attempts, reserveAmount) => {
          const t: AuctionTerms = { ...terms, ...(reserveAmount !== undefined && { reserveAmount }) };
          let s = openingStanding(t);
          const accepted: AcceptedBid[] = [];
          for (const [bidderId, maxAmount] of attempts) {
            const o = placeBid(t, s, { bidderId, maxAmount });
            if (isRefusal(o)) continue;
            expect(o.standing.currentPrice).toBeGreaterThanOrEqual(s.currentPrice);
            expect(o.standing.currentPrice).toBeLessThanOrEqual(o.standing.leaderMax!);
            s = o.standing;
            accepted.push({ bidderId, maxAmount, seq: accepted.length + 1 });
          }
          expect(standingOf(t, accepted)).toEqual(s);
        },
      ),
    );
  });
});

describe('soft close', () => {
  it('a bid within the window moves the end to the window after the bid; earlier bids leave it', () => {
    const end = 1_000_000;
    expect(extendedEnd(end, end - 120_001, 120_000)).toBe(end);
    expect(extendedEnd(end, end - 30_000, 120_000)).toBe(end + 90_000);
    expect(extendedEnd(end, end - 1, 120_000)).toBe(end + 119_999);
  });
});
