/** One target's whole bench: a fresh stack, every phase on it in order, the stack stopped. */
import { cpus, loadavg } from 'node:os';
import { startStack } from '../scripts/stack/index.js';
import {
  activitiesUntilPaid,
  ENGINE_BASELINE_STEPS,
  startEngineBaseline,
  startPlainBaseline,
} from './baselines.js';
import { engineAtCapacity } from './closed-loop.js';
import { type BenchContext, openContext } from './context.js';
import { hotItemRace } from './hot-item.js';
import { MemoryWatch } from './measure.js';
import { type BenchOptions, round2, say, type Target } from './options.js';
import { createBuyers } from './orders.js';
import { purchaseProfile, stateTransitionsOf } from './profiles.js';
import { measureRate } from './rate-phase.js';
import { soak } from './soak.js';

/** A fresh stack for `t`, the whole bench on it, the stack stopped. */
export async function benchTarget(opts: BenchOptions, t: Target) {
  const started = Date.now();
  const loadBefore = loadavg().map(round2);
  say(`target ${t}: starting a fresh stack (load average ${loadBefore.join(' ')})`);
  const stack = await startStack({
    mode: 'test',
    temporal: t,
    log: say,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      // One load generator is one address and these buyers are bots: the limiter is not under test.
      RATE_LIMIT_IP_PER_MINUTE: '1000000000',
      RATE_LIMIT_USER_PER_MINUTE: '1000000000',
      ...(t === 'cluster' && { TEMPORAL_HISTORY_SHARDS: String(opts.clusterShards) }),
    },
  });
  const closers: Array<() => Promise<void> | void> = [];
  const memory = new MemoryWatch(stack);
  try {
    const ctx = await openContext(opts, t, stack, closers);
    const report = await runBench(ctx, memory);
    return {
      ...report,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      loadAverage: { before: loadBefore, after: loadavg().map(round2) },
    };
  } finally {
    memory.stop();
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => {});
    await stack.stop();
  }
}

export type TargetReport = Awaited<ReturnType<typeof benchTarget>>;

/** The phases in order: rates with their baselines, closed loop, profiles, hot item, soak. */
async function runBench(ctx: BenchContext, memory: MemoryWatch) {
  const { opts, target } = ctx;
  const run = Date.now().toString(36);
  const buyers = await createBuyers(ctx, run);
  const engine = await startEngineBaseline(ctx);
  const plain = await startPlainBaseline(ctx);
  const purchaseSteps = await activitiesUntilPaid(ctx);
  // Baseline (a) keeps the length it had when issue 15 was filed, so the ratio compares before and after.
  const steps = ENGINE_BASELINE_STEPS;
  say(`the purchase workflow runs ${purchaseSteps} activities until paid; baseline (a) runs ${steps} no-ops`);

  const rates = [];
  for (const rate of opts.rates)
    rates.push(await measureRate(ctx, rate, { run, buyers, engine, plain, steps }));

  const stateTransitions = await stateTransitionsOf(ctx, engine.lastIds());
  const profile = await purchaseProfile(ctx);
  const engineClosedLoop = opts.closedLoop.seconds > 0 ? await engineAtCapacity(ctx, engine, run) : undefined;
  say(`hot item: ${opts.hotBuyers} buyers, ${opts.hotUnits} units`);
  const hotItem = await hotItemRace(
    ctx,
    buyers.sellers[0]!,
    buyers.tokens,
    run,
    opts.hotBuyers,
    opts.hotUnits,
  );
  const soaked = await soak(ctx, memory, buyers.buy);

  await engine.stop();
  await plain.close();
  const top = rates[rates.length - 1]!;
  return {
    target,
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    versions: ctx.stack.versions,
    bound:
      target === 'cluster'
        ? `Temporal server (frontend, history, matching, worker in one process) on the stack's PostgreSQL, ${opts.clusterShards} history shards with one persistence write in flight each; PostgreSQL holds the app's and Temporal's databases (its CPU is both; postgresForTemporal is the part of Temporal's connections); these figures are its, on 2 cores shared by every process`
        : 'Temporal CLI dev server: 1 history shard, 1 SQLite connection (WAL); these figures are its, on 2 cores shared by every process',
    settings: {
      rates: opts.rates,
      seconds: opts.seconds,
      warmup: opts.warmup,
      activitiesUntilPaid: purchaseSteps,
      engineBaselineSteps: steps,
      ...(target === 'cluster' && { historyShards: opts.clusterShards }),
    },
    ratioToBaseline: top.ratioToBaseline,
    rates,
    ...(engineClosedLoop && { engineClosedLoop }),
    stateTransitions,
    profile,
    hotItem,
    memory: { peakMiB: memory.peaks(), ...soaked },
  };
}
