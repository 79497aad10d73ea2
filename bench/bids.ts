/**
 * Bid placement on one hot auction (issue 25: p50/p99 at 20 and 50 bids/s, goal p99 ≤ 150 ms at 50):
 * per rate a fresh auction, bids from 500 bidders in turn on an open-loop schedule (a warm-up, then the
 * measured seconds) through POST /v1/listings/:id/bids. Maxima rise with noise, so bids that arrive
 * out of order are refused (422 bid_too_low) as in a real rush; both answers are the whole bid
 * transaction and count in the latency.
 */

import { postAs, tallyAnswers } from './api-call.js';
import { AUCTION_INCREMENT, AUCTION_START, hotAuctionListing } from './auction-listing.js';
import type { BenchContext, TokenCache } from './context.js';
import { openLoop, summary } from './load.js';
import { say } from './options.js';

const BIDDERS = 500;

export async function bidPlacement(ctx: BenchContext, tokens: TokenCache, run: string, rate: number) {
  const { opts, stack } = ctx;
  const seller = `bench_auctioneer_${run}_${rate}`;
  const listing = await postAs(
    stack.urls.api,
    await tokens.for(seller),
    '/v1/listings',
    hotAuctionListing(`Hot auction at ${rate}/s`),
  );
  if (listing.status !== 201) throw new Error(`POST /v1/listings (auction) → ${listing.status}`);
  const path = `/v1/listings/${listing.body?.id}/bids`;
  say(`bids: ${rate}/s on one auction for ${opts.warmup} + ${opts.seconds} s`);
  const measuredFrom = Date.now() + opts.warmup * 1000;
  const { results, lateMs } = await openLoop(rate, opts.warmup + opts.seconds, async (i) => {
    const bidder = `bench_bidder_${run}_${rate}_${i % BIDDERS}`;
    return postAs(stack.urls.api, await tokens.for(bidder), path, {
      maxAmount: AUCTION_START + 2 * AUCTION_INCREMENT * i + ((i * 7_919) % (4 * AUCTION_INCREMENT)),
      paymentMethod: 'pm_card_ok',
    });
  });
  const measured = results.filter((r) => r.startedAt >= measuredFrom);
  const answered = measured.filter((r) => r.value && [201, 422].includes(r.value.status));
  return {
    rate,
    seconds: opts.seconds,
    sent: measured.length,
    answers: tallyAnswers(measured.map((r) => r.value ?? { status: 0 })),
    errors: measured.length - answered.length,
    ms: summary(answered.map((r) => r.ms)),
    maxMs: Math.round(Math.max(...answered.map((r) => r.ms))),
    lateMs: Math.round(lateMs),
  };
}

export type BidPlacement = Awaited<ReturnType<typeof bidPlacement>>;
