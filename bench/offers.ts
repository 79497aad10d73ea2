/**
 * Offer creation beside a purchase at the same rate (issue 25): POST /v1/listings/:id/offers (an offer
 * workflow, the hold on the buyer's card known before the answer) and then POST /v1/orders, each on an
 * open-loop schedule (a warm-up, then the measured seconds), each call by a new buyer on a listing of
 * its own seeded for it, so neither stock nor the per-buyer cap refuses any.
 */
import { newId } from '../db/new-id.js';
import { listings } from '../db/schema/index.js';
import { postAs, tallyAnswers } from './api-call.js';
import type { BenchContext, TokenCache } from './context.js';
import { openLoop, summary } from './load.js';
import { quiesce } from './measure.js';
import { PRICE, say } from './options.js';

export async function offersBesideOrders(
  ctx: BenchContext,
  tokens: TokenCache,
  run: string,
  seller: string,
  rate: number,
) {
  const offers = await measure(ctx, tokens, `${run}_offer`, seller, rate, true);
  await quiesce(ctx);
  const orders = await measure(ctx, tokens, `${run}_order`, seller, rate, false);
  return { rate, seconds: ctx.opts.seconds, offers, orders };
}

async function measure(
  ctx: BenchContext,
  tokens: TokenCache,
  run: string,
  seller: string,
  rate: number,
  offer: boolean,
) {
  const { opts, stack, db } = ctx;
  const count = Math.ceil(rate * (opts.warmup + opts.seconds)) + 1;
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId('lst'),
    sellerId: seller,
    title: `Bench ${offer ? 'offer' : 'order'} item ${i}`,
    amount: BigInt(PRICE),
    currency: 'EUR' as const,
    quantity: 1,
    available: 1,
    acceptOffers: offer,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(listings).values(rows.slice(i, i + 1000));
  const what = offer ? 'POST /v1/listings/:id/offers' : 'POST /v1/orders';
  say(`${what}: ${rate}/s for ${opts.warmup} + ${opts.seconds} s`);
  const measuredFrom = Date.now() + opts.warmup * 1000;
  const { results } = await openLoop(rate, opts.warmup + opts.seconds, async (i) => {
    const buyer = `bench_${run}_buyer_${i}`;
    const token = await tokens.for(buyer);
    const key = { 'idempotency-key': `bench-${run}-${i}` };
    const card = { paymentMethod: 'pm_card_ok' };
    return offer
      ? postAs(
          stack.urls.api,
          token,
          `/v1/listings/${rows[i]!.id}/offers`,
          { amount: PRICE - 500, ...card },
          key,
        )
      : postAs(stack.urls.api, token, '/v1/orders', { listingId: rows[i]!.id, quantity: 1, ...card }, key);
  });
  const measured = results.filter((r) => r.startedAt >= measuredFrom);
  // An offer answers 201 once its hold is known; a purchase 202 once its workflow has started.
  const ok = measured.filter((r) => r.value && r.value.status >= 200 && r.value.status < 300);
  return {
    sent: measured.length,
    answers: tallyAnswers(measured.map((r) => r.value ?? { status: 0 })),
    errors: measured.length - ok.length,
    ms: summary(ok.map((r) => r.ms)),
  };
}

export type OffersBesideOrders = Awaited<ReturnType<typeof offersBesideOrders>>;
