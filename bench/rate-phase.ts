/**
 * One open-loop rate: a warm-up, the measured phase through the API, then both baselines at the same
 * rate once the stack is idle again. Returns the row of `rates` in bench/latest.json.
 */
import { ensureUser } from '../db/queries/users.js';
import type { EngineBaseline, PlainBaseline } from './baselines.js';
import type { BenchContext } from './context.js';
import { openLoop, summary } from './load.js';
import { cpuSnapshot, othersCpu, quiesce } from './measure.js';
import { PRICE, round2, round3, say } from './options.js';
import { type Buyers, timesToPaid } from './orders.js';

export interface RatePhaseDeps {
  run: string;
  buyers: Buyers;
  engine: EngineBaseline;
  plain: PlainBaseline;
  /** Activities a purchase schedules until paid: baseline (a) runs as many no-ops. */
  steps: number;
}

export async function measureRate(ctx: BenchContext, rate: number, deps: RatePhaseDeps) {
  const { opts } = ctx;
  const { run, buyers, engine, steps } = deps;
  const { buy } = buyers;
  await quiesce(ctx);
  say(`rate ${rate}/s: warm-up ${opts.warmup} s, then ${opts.seconds} s measured`);
  const cpuAtWarmup = cpuSnapshot(ctx);
  const warmup = await openLoop(rate, opts.warmup, (i) => buy(i, i % 2 === 1));
  const cpuBefore = cpuSnapshot(ctx);
  const othersBefore = othersCpu();
  const phaseStart = new Date();
  const load = await openLoop(rate, opts.seconds, async (i) => ({
    wait: i % 2 === 1,
    id: await buy(i, i % 2 === 1),
  }));
  const cpuAfter = cpuSnapshot(ctx);
  const others = othersCpu(othersBefore);
  const orders = load.results.flatMap((r) => (r.value ? [r.value.id] : []));
  const paid = await timesToPaid(ctx.pg, orders);
  const errors = load.results.filter((r) => r.error).map((r) => String(r.error));

  // Escrows of the orders just paid still start and notify: let them finish before the baselines run.
  await quiesce(ctx);
  const cpuIdle = cpuSnapshot(ctx);
  const allOrders = orders.length + warmup.results.filter((r) => !r.error).length;
  say(`rate ${rate}/s: baseline (a), the engine alone`);
  const engineRun = await openLoop(rate, opts.seconds, (i) => engine.run(`${run}-${rate}-${i}`, steps));
  await quiesce(ctx);
  say(`rate ${rate}/s: baseline (b), plain handler`);
  const plainRun = await openLoop(rate, opts.seconds, (i) => plainPurchase(ctx, deps, rate, i));

  const engineMs = engineRun.results.filter((r) => !r.error).map((r) => r.ms);
  const plainMs = plainRun.results.filter((r) => !r.error).map((r) => r.ms);
  const paidPerSec = round2(paid.paidCount / ((paid.lastPaidAt - phaseStart.getTime()) / 1000));
  const engineLatency = summary(engineMs);
  const plainLatency = summary(plainMs);
  const timeToPaid = summary(paid.ms);
  const orderLatency = summary(load.results.filter((r) => r.value && !r.value.wait).map((r) => r.ms));
  const waitLatency = summary(load.results.filter((r) => r.value?.wait).map((r) => r.ms));
  const engineThroughput = throughput(engineRun.results);
  return {
    rate,
    orders: orders.length,
    errors: errors.length,
    ...(errors.length > 0 && { firstError: errors[0] }),
    paid: paid.paidCount,
    paidPerSec,
    orderMs: orderLatency,
    waitPaymentMs: waitLatency,
    timeToPaidMs: timeToPaid,
    p99OrderMs: orderLatency.p99,
    p99WaitPaymentMs: waitLatency.p99,
    p99TimeToPaidMs: timeToPaid.p99,
    engineBaseline: {
      completedPerSec: engineThroughput,
      ...engineLatency,
      errors: engineRun.results.length - engineMs.length,
    },
    plainBaseline: {
      perSec: throughput(plainRun.results),
      ...plainLatency,
      errors: plainRun.results.length - plainMs.length,
    },
    ratioToBaseline: round2(paidPerSec / engineThroughput),
    latencyOverEngineMs: timeToPaid.p50 - engineLatency.p50,
    durabilityCostMs: timeToPaid.p50 - plainLatency.p50,
    cpuSecondsPerOrder: perOrder(cpuAfter, cpuBefore, orders.length),
    /**
     * Every CPU-second from the warm-up's start until the stack is idle after the last order is paid
     * (escrow start and notifications included), over the warm-up's and the measured phase's
     * orders: the whole cost of an order whether or not the stack kept up with the rate.
     */
    cpuSecondsPerOrderUntilIdle: perOrder(cpuIdle, cpuAtWarmup, allOrders),
    generatorLateMs: Math.round(load.lateMs),
    otherProcessesCores: others,
  };
}

export type RateReport = Awaited<ReturnType<typeof measureRate>>;

/** Baseline (b)'s call `i` at `rate`: a fresh buyer, the next listing, straight to the plain handler. */
async function plainPurchase(ctx: BenchContext, deps: RatePhaseDeps, rate: number, i: number) {
  const listing = deps.buyers.takeListing();
  const buyerId = `bench_plain_${deps.run}_${rate}_${i}`;
  await ensureUser(ctx.db, buyerId, 'buyer');
  const res = await fetch(deps.plain.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      listingId: listing.id,
      sellerId: listing.sellerId,
      buyerId,
      amount: PRICE,
      paymentMethod: 'pm_card_ok',
    }),
  });
  if (res.status !== 201) throw new Error(`plain handler → ${res.status} ${await res.text()}`);
}

function throughput(results: Array<{ startedAt: number; ms: number; error?: unknown }>) {
  const ok = results.filter((r) => !r.error);
  const first = Math.min(...ok.map((r) => r.startedAt));
  const last = Math.max(...ok.map((r) => r.startedAt + r.ms));
  return round2(ok.length / ((last - first) / 1000));
}

/** CPU-seconds per order of each role between two snapshots. */
function perOrder(after: Record<string, number>, before: Record<string, number>, orders: number) {
  return Object.fromEntries(
    Object.entries(after).map(([name, s]) => [name, round3((s - (before[name] ?? 0)) / Math.max(1, orders))]),
  );
}
