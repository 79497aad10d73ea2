/**
 * One open-loop rate: a warm-up, the measured phase through the API, then the baselines at the same
 * rate once the stack is idle again. Returns the row of `rates` in bench/latest.json.
 */
import { ensureUser } from '../db/queries/users.js';
import type { EngineBaseline, PlainBaseline } from './baselines.js';
import type { BenchContext } from './context.js';
import { openLoop, summary } from './load.js';
import { cpuSnapshot, type MemoryWatch, machineCoresSince, othersCpu, quiesce } from './measure.js';
import { PRICE, round2, round3, say } from './options.js';
import { type Buyers, timesToPaid } from './orders.js';
import { storagePerOrder, storageSnapshot } from './storage.js';

export interface RatePhaseDeps {
  run: string;
  buyers: Buyers;
  engine: EngineBaseline;
  plain: PlainBaseline;
  memory: MemoryWatch;
  /** Baseline (a)'s length in no-op activities. */
  steps: number;
  /** The stack's cores busy at rest, by role (`cpuSecondsPerOrderNet` takes them out). */
  idleCores?: Record<string, number>;
}

export async function measureRate(ctx: BenchContext, rate: number, deps: RatePhaseDeps) {
  const { opts } = ctx;
  const { buy } = deps.buyers;
  await quiesce(ctx);
  say(`rate ${rate}/s: warm-up ${opts.warmup} s, then ${opts.seconds} s measured`);
  const storageBefore = await storageSnapshot(ctx);
  const memory = deps.memory.window();
  const cpuAtWarmup = cpuSnapshot(ctx);
  const machineAtWarmup = othersCpu();
  const warmupStart = performance.now();
  const warmupStartMs = Date.now();
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
  const warmupOrders = warmup.results.flatMap((r) => (r.value ? [r.value] : []));
  const paid = await timesToPaid(ctx.pg, orders);
  const paidWithWarmup = await timesToPaid(ctx.pg, [...warmupOrders, ...orders]);
  const errors = load.results.filter((r) => r.error).map((r) => String(r.error));

  // Escrows of the orders just paid still start and notify: let them finish before the baselines run.
  await quiesce(ctx);
  const cpuIdle = cpuSnapshot(ctx);
  const machineUntilIdle = machineCoresSince(machineAtWarmup);
  const windowSeconds = (performance.now() - warmupStart) / 1000;
  memory.close();
  const allOrders = orders.length + warmupOrders.length;
  const storage = storagePerOrder(storageBefore, await storageSnapshot(ctx), allOrders);

  const paidPerSec = round2(paid.paidCount / ((paid.lastPaidAt - phaseStart.getTime()) / 1000));
  const timeToPaid = summary(paid.ms);
  const orderLatency = summary(load.results.filter((r) => r.value && !r.value.wait).map((r) => r.ms));
  const waitLatency = summary(load.results.filter((r) => r.value?.wait).map((r) => r.ms));
  const untilIdle = perOrder(cpuIdle, cpuAtWarmup, allOrders);
  return {
    rate,
    orders: orders.length,
    errors: errors.length,
    ...(errors.length > 0 && { firstError: errors[0] }),
    paid: paid.paidCount,
    paidPerSec,
    /**
     * The warm-up's and the measured phase's orders paid, over the time from the warm-up's start to the
     * last one paid: at a rate above the ceiling, what the stack serves (the warm-up's backlog included).
     */
    paidPerSecFromWarmup: round2(
      paidWithWarmup.paidCount / ((paidWithWarmup.lastPaidAt - warmupStartMs) / 1000),
    ),
    orderMs: orderLatency,
    waitPaymentMs: waitLatency,
    timeToPaidMs: timeToPaid,
    p99OrderMs: orderLatency.p99,
    p99WaitPaymentMs: waitLatency.p99,
    p99TimeToPaidMs: timeToPaid.p99,
    ...(opts.skipBaselines ? {} : await baselinesAt(ctx, rate, deps, paidPerSec, timeToPaid.p50)),
    cpuSecondsPerOrder: perOrder(cpuAfter, cpuBefore, orders.length),
    /**
     * Every CPU-second from the warm-up's start until the stack is idle after the last order is paid
     * (escrow start and notifications included), over the warm-up's and the measured phase's
     * orders: the whole cost of an order whether or not the stack kept up with the rate.
     */
    cpuSecondsPerOrderUntilIdle: untilIdle,
    /** The same, less what each role spends at rest over the window (`idleCores` × `windowSeconds`). */
    ...(deps.idleCores && {
      cpuSecondsPerOrderNet: netOfIdle(untilIdle, deps.idleCores, windowSeconds, allOrders),
    }),
    ordersUntilIdle: allOrders,
    windowSeconds: round2(windowSeconds),
    /** Each role's biggest process over the window (PSS, MiB). */
    peakMiB: memory.peaks(),
    storagePerOrder: storage,
    generatorLateMs: Math.round(load.lateMs),
    otherProcessesCores: others,
    /**
     * Over the window of `cpuSecondsPerOrderUntilIdle`: the cores other processes kept busy, and the
     * whole machine's (all cores busy: the stack was CPU-bound, whatever share the others took).
     */
    otherProcessesCoresUntilIdle: machineUntilIdle.others,
    machineBusyCoresUntilIdle: machineUntilIdle.machine,
  };
}

export type RateReport = Awaited<ReturnType<typeof measureRate>>;

/** Baselines (a), (a, shape) and (b) at `rate`, one after another on an idle stack, and the ratios. */
async function baselinesAt(
  ctx: BenchContext,
  rate: number,
  deps: RatePhaseDeps,
  paidPerSec: number,
  timeToPaidP50: number,
) {
  const { opts } = ctx;
  const { run, engine, steps } = deps;
  say(`rate ${rate}/s: baseline (a), the engine alone, ${steps} no-op activities`);
  const engineRun = await openLoop(rate, opts.seconds, (i) => engine.run(`${run}-${rate}-${i}`, steps));
  await quiesce(ctx);
  say(`rate ${rate}/s: baseline (a, shape), the engine alone, the purchase's shape in no-op steps`);
  const shapeRun = await openLoop(rate, opts.seconds, (i) => engine.runShape(`${run}-${rate}-${i}`));
  await quiesce(ctx);
  say(`rate ${rate}/s: baseline (b), plain handler`);
  const plainRun = await openLoop(rate, opts.seconds, (i) => plainPurchase(ctx, deps, rate, i));

  const engineBaseline = baselineFigures(engineRun.results);
  const shapeBaseline = baselineFigures(shapeRun.results);
  const plainMs = plainRun.results.filter((r) => !r.error).map((r) => r.ms);
  const plainLatency = summary(plainMs);
  return {
    engineBaseline,
    engineShapeBaseline: shapeBaseline,
    plainBaseline: {
      perSec: throughput(plainRun.results),
      ...plainLatency,
      errors: plainRun.results.length - plainMs.length,
    },
    ratioToBaseline: round2(paidPerSec / engineBaseline.completedPerSec),
    ratioToShapeBaseline: round2(paidPerSec / shapeBaseline.completedPerSec),
    latencyOverEngineMs: timeToPaidP50 - engineBaseline.p50,
    latencyOverShapeMs: timeToPaidP50 - shapeBaseline.p50,
    durabilityCostMs: timeToPaidP50 - plainLatency.p50,
  };
}

function baselineFigures(results: Array<{ startedAt: number; ms: number; error?: unknown }>) {
  const ms = results.filter((r) => !r.error).map((r) => r.ms);
  return { completedPerSec: throughput(results), ...summary(ms), errors: results.length - ms.length };
}

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

/** Per-order CPU less each role's CPU at rest over the window (never below 0). */
function netOfIdle(
  perOrderUntilIdle: Record<string, number>,
  idleCores: Record<string, number>,
  windowSeconds: number,
  orders: number,
) {
  return Object.fromEntries(
    Object.entries(perOrderUntilIdle).map(([name, s]) => [
      name,
      round3(Math.max(0, s - ((idleCores[name] ?? 0) * windowSeconds) / Math.max(1, orders))),
    ]),
  );
}
