/** The chaos run's auction rule: one order at the proxy-rule price from the bid rows, none when unsold. */
import { describe, expect, it } from 'vitest';
import { type AcceptedBid, placeBid, reserveMet, standingOf } from '../domain/auction.js';
import { type AuctionOrder, type AuctionRow, auctionProblems } from './auction-checks.js';
import { planAuctions } from './auctions.js';

const terms = { startAmount: 1_000, bidIncrement: 100, reserveAmount: 2_000 };
const auction = (result: string, over: Partial<AuctionRow> = {}): AuctionRow => ({
  listing_id: 'lst_1',
  status: 'ended',
  result,
  order_id: null,
  winner_id: null,
  terms,
  ...over,
});
// ann leads at 5000; bob's 3000 sets the price to 3100; cat's 2500 does not matter.
const bids: AcceptedBid[] = [
  { bidderId: 'ann', maxAmount: 5_000, seq: 1 },
  { bidderId: 'bob', maxAmount: 3_000, seq: 2 },
  { bidderId: 'cat', maxAmount: 2_500, seq: 3 },
];
const order = (attempt: 1 | 2, buyer: string, amount: number, status = 'completed'): AuctionOrder => ({
  id: `ord_lst_1_${attempt}`,
  buyer_id: buyer,
  amount,
  status,
});

describe('auctionProblems', () => {
  it('sold: one order, to the proxy rule’s winner at its price, named by the outcome', () => {
    const sold = auction('sold', { order_id: 'ord_lst_1_1', winner_id: 'ann' });
    expect(auctionProblems(sold, bids, [order(1, 'ann', 3_100)])).toEqual([]);
    expect(auctionProblems(sold, bids, [order(1, 'ann', 3_000)])).toEqual([
      "auction lst_1: winner's order ord_lst_1_1 to ann at 3000, the bids give ann at 3100",
    ]);
    expect(auctionProblems(sold, bids, [])).toEqual([
      'auction lst_1: sold with 0 orders that did not fail',
      "auction lst_1: sold, but no winner's order",
    ]);
    expect(auctionProblems(sold, bids, [order(1, 'ann', 3_100), order(2, 'bob', 2_600)])).toEqual([
      'auction lst_1: sold with 2 orders that did not fail',
    ]);
  });

  it('second chance: after the winner’s order failed, the next bidder at the price the other bids give', () => {
    const sold = auction('sold', { order_id: 'ord_lst_1_2', winner_id: 'bob' });
    const orders = [order(1, 'ann', 3_100, 'failed'), order(2, 'bob', 2_600)];
    expect(standingOf(terms, bids, 'ann')).toMatchObject({ leaderId: 'bob', currentPrice: 2_600 });
    expect(auctionProblems(sold, bids, orders)).toEqual([]);
    expect(auctionProblems(sold, bids, [orders[0]!, order(2, 'bob', 3_100)])).toEqual([
      'auction lst_1: second-chance order ord_lst_1_2 to bob at 3100, the bids give bob at 2600',
    ]);
  });

  it('unsold: no order, and the bids never met the reserve', () => {
    const low: AcceptedBid[] = [{ bidderId: 'ann', maxAmount: 1_900, seq: 1 }];
    expect(auctionProblems(auction('unsold'), low, [])).toEqual([]);
    expect(auctionProblems(auction('unsold'), [], [])).toEqual([]);
    expect(auctionProblems(auction('unsold'), bids, [])).toEqual([
      'auction lst_1: unsold, but ann met the reserve',
    ]);
    expect(auctionProblems(auction('unsold'), low, [order(1, 'ann', 1_900)])).toEqual([
      'auction lst_1: unsold with orders ord_lst_1_1',
    ]);
  });

  it('payment_failed: the orders failed, and a second chance was tried when the other bids met the reserve', () => {
    const failed = [order(1, 'ann', 3_100, 'failed'), order(2, 'bob', 2_600, 'failed')];
    expect(auctionProblems(auction('payment_failed'), bids, failed)).toEqual([]);
    expect(auctionProblems(auction('payment_failed'), bids, [failed[0]!])).toEqual([
      'auction lst_1: payment_failed, no second chance for bob',
    ]);
  });

  it('an auction not ended is a problem of its own', () => {
    expect(auctionProblems(auction('', { status: 'open', result: null }), bids, [])).toEqual([
      'auction lst_1: open, result none',
    ]);
  });
});

describe('planAuctions', () => {
  it('plans bids the proxy rule accepts in order; a reserve not to be met stays unmet', () => {
    const { cases } = planAuctions('r', 10, 7);
    for (const c of cases) {
      let standing = { currentPrice: c.terms.startAmount, bidCount: 0 } as ReturnType<typeof standingOf>;
      for (const b of c.bids) {
        const outcome = placeBid(c.terms, standing, { bidderId: b.bidder, maxAmount: b.maxAmount });
        expect(outcome).toHaveProperty('standing');
        if ('standing' in outcome) standing = outcome.standing;
      }
      if (c.scenario === 'reserve_not_met') expect(reserveMet(c.terms, standing)).toBe(false);
      if (c.scenario === 'no_bids') expect(c.bids).toEqual([]);
      if (c.scenario === 'second_chance') expect(c.bids.at(-1)?.paymentMethod).toBe('pm_card_declined');
    }
    expect(cases.filter((c) => c.killAtEnd)).toHaveLength(5);
  });
});
