/**
 * Issue 25's race on the real stack: 1,000 distinct bidders place 3,000 bids in the last 10 s of one
 * auction (the soft close moves the end while they bid) → no 5xx, every 201 a bid row and no row
 * without its 201, the price never down (read live over the run, and in the lock's order), one order,
 * the winner's, paid at the price the proxy rule gives from the accepted bids.
 * AUCTION_RACE_BIDDERS / AUCTION_RACE_BIDS make it smaller (the issue's figures are the default).
 * The API runs in-process with a three-second soft close; it prints its timings and answers.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../db/schema/index.js';
import { expectBidRowsOf } from '../support/auction-rows.js';
import { eventually, testDb, tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

const BIDDERS = Number(process.env.AUCTION_RACE_BIDDERS ?? 1_000);
const BIDS = Number(process.env.AUCTION_RACE_BIDS ?? 3_000);
/** Requests in flight at once: enough to contend on the row lock, few enough for one Node process. */
const IN_FLIGHT = 32;
const WINDOW_MS = 10_000;
/** Maxima stay under 1,000 EUR: a new account's order above that waits for a fraud review (domain/fraud.ts). */
const TERMS = { startAmount: 1_000, bidIncrement: 10 };
const maximumOf = (i: number) => TERMS.startAmount + 30 * i + ((i * 7_919) % 200);

let api: InProcessApi;
beforeAll(async () => {
  api = await inProcessApi({ env: { AUCTION_SOFT_CLOSE_MS: '3000' } });
});
afterAll(async () => {
  await api?.close();
});

type Answer = { status: number; body: any };

async function call(method: string, path: string, user: string, body?: unknown): Promise<Answer> {
  const res = await fetch(api.url + path, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(user)}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** Runs `work(i)` for every i < n, at most `width` at once. */
async function bounded(n: number, width: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      for (let i = next++; i < n; i = next++) await work(i);
    }),
  );
}

const tallyOf = (answers: Answer[]) => {
  const tally: Record<string, number> = {};
  for (const { status, body } of answers) {
    const key = `${status} ${body.code ?? body.status}`;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
};

describe('the auction race', () => {
  it(`${BIDDERS} bidders, ${BIDS} bids in the last 10 s → no 5xx, no accepted bid lost, the price never down, one winner paid at the proxy price`, async () => {
    const seller = uniqueUser('seller');
    const bidders = Array.from({ length: BIDDERS }, (_, i) => uniqueUser(`race${i}`));
    // Tokens first (one provider request each, ~4 ms), so that the window holds bids only.
    const started = Date.now();
    await bounded(bidders.length, 8, async (i) => void (await tokenFor(bidders[i]!)));
    const tokensAt = Date.now();

    const listed = await call('POST', '/v1/listings', seller, {
      title: 'Last-second lot',
      currency: 'EUR',
      quantity: 1,
      format: 'auction',
      auction: { ...TERMS, endsAt: new Date(Date.now() + WINDOW_MS).toISOString() },
    });
    expect(listed.status).toBe(201);
    const listingId: string = listed.body.id;

    // The price as a client reads it after every 10th answer, each read once the last has answered
    // (chained), so that a later read never overtakes an earlier one.
    const seenPrices: number[] = [];
    let watching = Promise.resolve();
    const readPrice = async () => {
      seenPrices.push((await call('GET', `/v1/listings/${listingId}/auction`, seller)).body.currentPrice);
    };
    // Bidder i % BIDDERS places attempt i; maxima rise with deterministic noise, so concurrent bids race
    // for the same minimum: some are refused (422), the rest outbid one another or are outbid at once.
    const answers: Answer[] = [];
    await bounded(BIDS, IN_FLIGHT, async (i) => {
      const body = { maxAmount: maximumOf(i), paymentMethod: 'pm_card_ok' };
      answers.push(await call('POST', `/v1/listings/${listingId}/bids`, bidders[i % BIDDERS]!, body));
      if (answers.length % 10 === 0) watching = watching.then(readPrice);
    });
    await watching;
    const bidsAt = Date.now();

    const tally = tallyOf(answers);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const refusals = answers.filter((a) => a.status !== 201);
    expect(refusals.filter((a) => !['bid_too_low', 'auction_closed'].includes(a.body.code))).toEqual([]);
    const placed = answers
      .filter((a) => a.status === 201)
      .map((a) => a.body as { id: string; bidderId: string });
    const accepted = placed.map((b) => b.id);
    // A busy machine may leave a gap longer than the soft close between two accepted bids: the auction
    // then ends there and the later bids are refused (409), which is right. It must still have been a
    // race: many bidders accepted, some refused as they raced for the same minimum.
    expect(new Set(placed.map((b) => b.bidderId)).size).toBeGreaterThan(BIDDERS / 10);
    expect(tally['422 bid_too_low']).toBeGreaterThan(0);
    expect(seenPrices).toEqual([...seenPrices].sort((a, b) => a - b));

    const ended = await eventually(async () => {
      const view = await call('GET', `/v1/listings/${listingId}/auction`, seller);
      return view.body.outcome && view.body;
    }, 120_000);
    console.log(
      `[auction race] tokens ${tokensAt - started} ms, bids ${bidsAt - tokensAt} ms, end and sale ${Date.now() - bidsAt} ms;`,
      `${accepted.length} bids accepted from ${new Set(placed.map((b) => b.bidderId)).size} bidders;`,
      `${seenPrices.length} reads of the price;`,
      tally,
    );
    const expected = await expectBidRowsOf(listingId, accepted, TERMS);
    expect(ended.bidCount).toBe(accepted.length);
    expect(ended).toMatchObject({
      currentPrice: expected.currentPrice,
      outcome: { result: 'sold', winnerId: expected.leaderId },
    });
    const { db, close } = testDb();
    try {
      const sold = await db.select().from(orders).where(eq(orders.listingId, listingId));
      expect(
        sold.map((o) => ({ id: o.id, buyerId: o.buyerId, amount: Number(o.amount), status: o.status })),
      ).toEqual([
        {
          id: ended.outcome.orderId,
          buyerId: expected.leaderId,
          amount: expected.currentPrice,
          status: 'paid',
        },
      ]);
    } finally {
      await close();
    }
  }, 300_000);
});
