import { describe, expect, it } from 'vitest';
import { type AuctionTerms, isRefusal, placeBid, type Standing } from '../domain/auction.js';
import { chainMaximum, outbidDelays } from './outbid-chain.js';

describe('outbid chain', () => {
  it('each bid of the chain outbids the one before it under the proxy rule', () => {
    const terms: AuctionTerms = { startAmount: 1_000, bidIncrement: 100 };
    let s: Standing = { currentPrice: terms.startAmount, bidCount: 0 };
    for (let k = 0; k < 50; k++) {
      const placed = placeBid(terms, s, { bidderId: `b${k}`, maxAmount: chainMaximum(1_000, 100, k) });
      if (isRefusal(placed)) throw new Error(`bid ${k} refused`);
      expect(placed).toMatchObject({ status: 'leading', ...(k > 0 && { outbidId: `b${k - 1}` }) });
      s = placed.standing;
    }
  });

  it('times each outbid event from the bid that outbid, skipping bids that did not lead', () => {
    const chain = [
      { bidderId: 'a', sentAt: 0, leading: true },
      { bidderId: 'b', sentAt: 100, leading: true },
      { bidderId: 'c', sentAt: 200, leading: false },
      { bidderId: 'd', sentAt: 300, leading: true },
      { bidderId: 'e', sentAt: 400, leading: true },
    ];
    const received = new Map([
      ['a', 130],
      ['b', 999],
      ['e', 1_000],
    ]);
    // a outbid by b (130 - 100); b→c and c→d skipped (c did not lead); d outbid by e, its event missing.
    expect(outbidDelays(chain, received)).toEqual({ delays: [30], missing: ['d'] });
  });
});
