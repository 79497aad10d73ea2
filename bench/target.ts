/** One target's whole bench: a fresh stack, every phase on it in order, the stack stopped. */

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { startStack } from '../scripts/stack/index.js';
import { repoRoot } from '../scripts/stack/paths.js';
import {
  activitiesUntilPaid,
  ENGINE_BASELINE_STEPS,
  PURCHASE_SHAPE,
  startEngineBaseline,
  startPlainBaseline,
} from './baselines.js';
import { engineAtCapacity } from './closed-loop.js';
import { type BenchContext, openContext } from './context.js';
import { hotItemRace } from './hot-item.js';
import { marketplacePhases } from './marketplace.js';
import { cpuSnapshot, MemoryWatch, quiesce } from './measure.js';
import { type BenchOptions, round2, round3, say, type Target } from './options.js';
import { createBuyers } from './orders.js';
import { purchaseProfile, stateTransitionsOf } from './profiles.js';
import { measureRate } from './rate-phase.js';
import { soak } from './soak.js';
import { storageSnapshot } from './storage.js';

/** A fresh stack for `t`, the whole bench on it, the stack stopped. */
export async function benchTarget(opts: BenchOptions, t: Target) {
  const started = Date.now();
  const loadBefore = loadavg().map(round2);
  say(`target ${t}: starting a fresh stack (load average ${loadBefore.join(' ')})`);
  const stack = await startStack({
    mode: 'test',
    temporal: t,
    workers: opts.workers,
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
  const memory = new MemoryWatch({ stack, target: t });
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

/** The phases in order: rates with their baselines, closed loop, profiles, hot item, marketplace, soak. */
async function runBench(ctx: BenchContext, memory: MemoryWatch) {
  const { opts, target } = ctx;
  const run = Date.now().toString(36);
  const buyers = await createBuyers(ctx, run);
  const engine = await startEngineBaseline(ctx);
  const plain = await startPlainBaseline(ctx);
  const purchaseSteps = await activitiesUntilPaid(ctx);
  // Baseline (a) keeps the length it had when issue 15 was filed, so the ratio compares before and after.
  const steps = ENGINE_BASELINE_STEPS;
  say(
    `the purchase workflow runs ${purchaseSteps} activities until paid; baseline (a) runs ${steps} no-ops, (a, shape) ${PURCHASE_SHAPE.activities} no-op activities and ${PURCHASE_SHAPE.localActivities} local ones`,
  );
  const idleCores = opts.idleSeconds > 0 ? await idleCpu(ctx, opts.idleSeconds) : undefined;

  const rates = [];
  for (const rate of opts.rates)
    rates.push(await measureRate(ctx, rate, { run, buyers, engine, plain, memory, steps, idleCores }));

  const stateTransitions = await stateTransitionsOf(ctx, engine.lastIds(), engine.lastShapeIds());
  const profile = await purchaseProfile(ctx);
  const engineClosedLoop = opts.closedLoop.seconds > 0 ? await engineAtCapacity(ctx, engine, run) : undefined;
  const hotItem =
    opts.hotBuyers > 0
      ? await hotItemRace(ctx, buyers.sellers[0]!, buyers.tokens, run, opts.hotBuyers, opts.hotUnits)
      : undefined;
  const marketplace = await marketplacePhases(ctx, run);
  const soaked = await soak(ctx, memory, buyers.buy);

  await engine.stop();
  await plain.close();
  const top = rates[rates.length - 1]!;
  return {
    target,
    date: new Date().toISOString(),
    commit: commitOf(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, memoryMiB: memoryMiB() },
    versions: ctx.stack.versions,
    topology: { workers: ctx.stack.topology.workers, apiReplicas: ctx.stack.topology.apiReplicas },
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
      engineShapeBaseline: PURCHASE_SHAPE,
      skipBaselines: opts.skipBaselines,
      ...(target === 'cluster' && { historyShards: opts.clusterShards }),
    },
    ratioToBaseline: top.ratioToBaseline,
    ratioToShapeBaseline: top.ratioToShapeBaseline,
    ...(idleCores && { idleCores, idleSeconds: opts.idleSeconds }),
    rates,
    ...(engineClosedLoop && { engineClosedLoop }),
    stateTransitions,
    profile,
    ...(hotItem && { hotItem }),
    ...(marketplace && { marketplace }),
    memory: { peakMiB: memory.peaks(), ...soaked },
    storage: await storageTotals(ctx),
  };
}

/** Each role's cores busy while the stack waits with nothing to do (pollers, timers, housekeeping). */
async function idleCpu(ctx: BenchContext, seconds: number): Promise<Record<string, number>> {
  await quiesce(ctx);
  say(`the stack at rest: ${seconds} s`);
  const before = cpuSnapshot(ctx);
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = cpuSnapshot(ctx);
  const elapsed = (performance.now() - started) / 1000;
  return Object.fromEntries(
    Object.entries(after).map(([role, s]) => [role, round3((s - (before[role] ?? 0)) / elapsed)]),
  );
}

/** What the whole run left in PostgreSQL: orders, the app's tables, Temporal's databases in cluster mode. */
async function storageTotals(ctx: BenchContext) {
  const snapshot = await storageSnapshot(ctx);
  const [orders] = await ctx.pg<{ n: string }[]>`select count(*) as n from orders`;
  return { orders: Number(orders?.n ?? 0), ...snapshot };
}

/** The commit measured, `-dirty` when tracked files differed from it. */
function commitOf(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '-dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

const memoryMiB = () => Math.round(totalmem() / 2 ** 20);
