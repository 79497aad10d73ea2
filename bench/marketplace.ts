/**
 * The marketplace phases of `npm run bench` (issue 25), after the order phases on the same stack:
 * bid placement on one hot auction per `--bids-rates` rate (bench/bids.ts), offer creation beside
 * POST /v1/orders at `--offers-rate` (bench/offers.ts), and `--sse-clients` streams on one API process
 * with an outbid chain of `--sse-outbids` bids (bench/sse-clients.ts). 0 (or empty) skips a phase; all
 * skipped, there is no `marketplace` key in the JSON.
 */
import { ensureUser } from '../db/queries/users.js';
import { type BidPlacement, bidPlacement } from './bids.js';
import { type BenchContext, TokenCache } from './context.js';
import { quiesce } from './measure.js';
import { type OffersBesideOrders, offersBesideOrders } from './offers.js';
import { say } from './options.js';
import { type SseAtScale, sseAtScale } from './sse-clients.js';

export interface MarketplaceReport {
  bids?: BidPlacement[];
  offers?: OffersBesideOrders;
  sse?: SseAtScale;
}

export async function marketplacePhases(
  ctx: BenchContext,
  run: string,
): Promise<MarketplaceReport | undefined> {
  const { bidsRates, offersRate, sseClients, sseOutbids } = ctx.opts.marketplace;
  if (bidsRates.length === 0 && offersRate <= 0 && sseClients <= 0) return undefined;
  const tokens = new TokenCache(ctx.env.JWT_SECRET);
  const report: MarketplaceReport = {};
  if (bidsRates.length > 0) {
    report.bids = [];
    for (const rate of bidsRates) {
      await quiesce(ctx);
      report.bids.push(await bidPlacement(ctx, tokens, run, rate));
    }
  }
  if (offersRate > 0) {
    const seller = `bench_offer_seller_${run}`;
    await ensureUser(ctx.db, seller, 'seller');
    await quiesce(ctx);
    report.offers = await offersBesideOrders(ctx, tokens, run, seller, offersRate);
  }
  if (sseClients > 0) {
    const apiPid = ctx.stack.processes.api?.child.pid;
    if (!apiPid) throw new Error('the stack started no API process of its own');
    await quiesce(ctx);
    say(`SSE: ${sseClients} streams on one API process`);
    report.sse = await sseAtScale({
      apiUrl: ctx.stack.urls.apiProcesses?.[0] ?? ctx.stack.urls.api,
      apiPid,
      redis: ctx.redis,
      db: ctx.db,
      token: (user) => tokens.for(user),
      run: `bench_sse_${run}`,
      clients: sseClients,
      pings: 0,
      pingRate: 1,
      outbids: sseOutbids,
      outbidRate: 20,
    });
  }
  return report;
}
