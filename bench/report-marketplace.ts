/** The marketplace phases' tables (bench/marketplace.ts), printed after a target's own report. */
import type { MarketplaceReport } from './marketplace.js';

export function printMarketplace(report: MarketplaceReport | undefined) {
  if (!report) return;
  const pair = (x: { p50: number; p99: number }) => `${x.p50}/${x.p99}`;
  if (report.bids) {
    console.log('bid placement on one hot auction (POST /v1/listings/:id/bids; goal p99 ≤ 150 ms at 50/s):');
    console.table(
      report.bids.map((b) => ({
        'bids/s': b.rate,
        sent: b.sent,
        'p50/p99 ms': pair(b.ms),
        'max ms': b.maxMs,
        errors: b.errors,
        answers: JSON.stringify(b.answers),
      })),
    );
  }
  if (report.offers) {
    const { offers, orders, rate } = report.offers;
    console.log(`offer creation beside a purchase, ${rate}/s each:`);
    console.table({
      'POST /v1/listings/:id/offers': {
        sent: offers.sent,
        'p50/p99 ms': pair(offers.ms),
        errors: offers.errors,
      },
      'POST /v1/orders': { sent: orders.sent, 'p50/p99 ms': pair(orders.ms), errors: orders.errors },
    });
  }
  if (report.sse) {
    const s = report.sse;
    console.log(`${s.clients} SSE streams on one API process:`);
    console.table({
      'Redis connections': {
        before: s.redisConnections.before.total,
        'streams open': s.redisConnections.withStreamsOpen.total,
      },
      'of them SSE subscribers': {
        before: s.redisConnections.before.sseSubscribers,
        'streams open': s.redisConnections.withStreamsOpen.sseSubscribers,
      },
      'API RSS MiB': {
        before: s.apiRssMiB.before,
        'streams open': s.apiRssMiB.withStreamsOpen,
        peak: s.apiRssMiB.peak,
      },
    });
    if (s.outbidToClientMs) {
      const o = s.outbidToClientMs;
      console.log(
        `outbid → auction.outbid at the client (goal p99 ≤ 1 s): ${o.received}/${o.outbids} received, p50 ${o.p50} ms, p99 ${o.p99} ms, max ${o.max} ms (${o.rate} bids/s; load ${s.loadAverage.join(' ')})`,
      );
    }
  }
}
