/**
 * `npm run bench`: the platform under open-loop load on a private stack (Temporal, PostgreSQL, Redis,
 * sandbox provider, worker, API), beside two baselines measured in the same run: (a) the engine alone,
 * a workflow of as many no-op activities; (b) the same steps in a plain handler without Temporal. Then
 * a hot-item race and a soak. Prints a table and writes bench/latest.json.
 *
 * `--targets dev,cluster` runs the same phases once per Temporal target, each on a fresh stack:
 * `dev`, the CLI dev server on SQLite (the default, the run of record), and `cluster`, the official
 * server on the stack's PostgreSQL (`startStack({ temporal: 'cluster' })`, `--cluster-shards` history
 * shards). The dev result stays at the top level of the JSON, the cluster one goes under `cluster`,
 * and when both ran `sideBySide` compares them per rate (also printed as a table at the end).
 * The file describes one run: a target not run is not in it (a warning names what the file held).
 * Without `--out`, a run without `dev` writes bench/latest-<targets>.json, not the dev run of record.
 *
 *   npm run bench -- [--targets dev,cluster] [--rates 5,10,20,40] [--seconds 20] [--warmup 5]
 *                    [--hot-buyers 1000] [--hot-units 10] [--soak-minutes 10] [--soak-rate 2]
 *                    [--closed-loop-seconds 0] [--closed-loop-concurrency 32] [--closed-loop-steps 7]
 *                    [--cluster-shards 4] [--out FILE]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createActivities } from '../activities/index.js';
import { signToken } from '../api/middleware/auth.js';
import { dataConverterFor } from '../codec/data-converter.js';
import { type Env, loadEnv } from '../config/env.js';
import { temporalConnectionOptions } from '../config/temporal-connection.js';
import { createDb, type Db } from '../db/client.js';
import { newId } from '../db/new-id.js';
import { ensureUser } from '../db/queries/users.js';
import { listings } from '../db/schema/index.js';
import { purchaseWorkflowId } from '../domain/ids.js';
import { createSandboxProvider } from '../payments/sandbox-provider.js';
import { type Stack, startStack } from '../scripts/stack/index.js';
import { repoRoot } from '../scripts/stack/paths.js';
import { temporalUiServerPath } from '../scripts/stack/temporal-cluster.js';
import { closedLoop, openLoop, summary } from './load.js';
import { startPlainHandler } from './plain-handler.js';
import { commandLine, cpuSeconds, cpuSecondsBy, machineBusySeconds, memoryMiB, processTree } from './proc.js';

const { values: opts } = parseArgs({
  options: {
    targets: { type: 'string', default: 'dev' },
    rates: { type: 'string', default: '5,10,20,40' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    'hot-buyers': { type: 'string', default: '1000' },
    'hot-units': { type: 'string', default: '10' },
    'soak-minutes': { type: 'string', default: '10' },
    'soak-rate': { type: 'string', default: '2' },
    'closed-loop-seconds': { type: 'string', default: '0' },
    'closed-loop-concurrency': { type: 'string', default: '32' },
    'closed-loop-steps': { type: 'string', default: '7' },
    'cluster-shards': { type: 'string', default: '4' },
    out: { type: 'string' },
  },
});
const TARGET_NAMES = ['dev', 'cluster'] as const;
type Target = (typeof TARGET_NAMES)[number];
const TARGETS = [...new Set(opts.targets.split(',').map((t) => t.trim()))] as Target[];
for (const t of TARGETS) {
  if (!TARGET_NAMES.includes(t))
    throw new Error(`--targets: "${t}" is not one of ${TARGET_NAMES.join(', ')}`);
}
const OUT =
  opts.out ??
  join(repoRoot, 'bench', TARGETS.includes('dev') ? 'latest.json' : `latest-${TARGETS.join('-')}.json`);
const RATES = opts.rates.split(',').map(Number);
const SECONDS = Number(opts.seconds);
const WARMUP = Number(opts.warmup);
const SOAK_MINUTES = Number(opts['soak-minutes']);
const SOAK_RATE = Number(opts['soak-rate']);
const CLOSED_LOOP = {
  seconds: Number(opts['closed-loop-seconds']),
  concurrency: Number(opts['closed-loop-concurrency']),
  steps: Number(opts['closed-loop-steps']),
};
const CLUSTER_SHARDS = Number(opts['cluster-shards']);
const PRICE = 2_500;
const say = (line: string) => console.log(`\x1b[1m[bench]\x1b[0m ${line}`);

Runtime.install({ logger: new DefaultLogger('WARN') });

// The stack of the target being measured and the clients on it (set by `benchTarget`, one target at a time).
let target: Target;
let stack: Stack;
let env: Env;
let db: Db;
let pg: ReturnType<typeof createDb>['sql'];
let redis: Redis;
let temporalSettings: ReturnType<typeof temporalConnectionOptions>;
let connection: Connection;
let dataConverter: ReturnType<typeof dataConverterFor>;
let client: Client;

async function main() {
  const started = Date.now();
  const reports: Partial<Record<Target, TargetReport>> = {};
  const failed: Partial<Record<Target, string>> = {};
  for (const t of TARGETS) {
    try {
      reports[t] = await benchTarget(t);
      printReport(reports[t]);
    } catch (err) {
      // The other target's figures are still worth keeping: note the failure, write the rest, exit 1.
      failed[t] = err instanceof Error ? (err.stack ?? err.message) : String(err);
      say(`target ${t} failed: ${failed[t]}`);
    }
  }
  if (!reports.dev && !reports.cluster)
    throw new Error(`every target failed: ${Object.keys(failed).join(', ')}`);
  const output = combine(reports, Math.round((Date.now() - started) / 1000), failed);
  warnAboutDropped(OUT, output);
  writeFileSync(OUT, `${JSON.stringify(output, null, 2)}\n`);
  if (output.sideBySide) printSideBySide(output.sideBySide, reports);
  say(`wrote ${OUT} (${output.totalSeconds} s in all)`);
  if (Object.keys(failed).length > 0) process.exitCode = 1;
}

/** A fresh stack for `t`, the whole bench on it, the stack stopped. */
async function benchTarget(t: Target): Promise<TargetReport> {
  target = t;
  const started = Date.now();
  const loadBefore = loadavg().map(round2);
  say(`target ${t}: starting a fresh stack (load average ${loadBefore.join(' ')})`);
  stack = await startStack({
    mode: 'test',
    temporal: t,
    log: say,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      // One load generator is one address and these buyers are bots: the limiter is not under test.
      RATE_LIMIT_IP_PER_MINUTE: '1000000000',
      RATE_LIMIT_USER_PER_MINUTE: '1000000000',
      ...(t === 'cluster' && { TEMPORAL_HISTORY_SHARDS: String(CLUSTER_SHARDS) }),
    },
  });
  const closers: Array<() => Promise<void> | void> = [];
  const memory = new MemoryWatch(stack);
  try {
    env = loadEnv({ ...process.env, ...stack.env });
    const database = createDb(env.DATABASE_URL, { max: 10 });
    closers.push(database.close);
    db = database.db;
    pg = database.sql;
    redis = new Redis(env.REDIS_URL);
    closers.push(() => redis.disconnect());
    temporalSettings = temporalConnectionOptions(env);
    connection = await Connection.connect(temporalSettings.client);
    closers.push(() => connection.close());
    // The stack's payload codec (workflow payloads are encrypted), here and on the baseline worker alike.
    dataConverter = dataConverterFor(env.CODEC_KEYS);
    client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
    const report = await runBench(memory);
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

async function runBench(memory: MemoryWatch) {
  const run = Date.now().toString(36);
  const sellers = Array.from({ length: 20 }, (_, i) => `bench_seller_${run}_${i}`);
  for (const seller of sellers) await ensureUser(db, seller, 'seller');
  const planned =
    RATES.reduce((n, r) => n + r * (SECONDS + WARMUP) * 2, 0) + SOAK_RATE * SOAK_MINUTES * 60 + 100;
  say(`seeding ${planned} listings`);
  const pool = await seedListings(db, sellers, planned);
  let next = 0;
  const takeListing = () => pool[next++ % pool.length]!;
  const tokens = new TokenCache(env.JWT_SECRET);

  /** One purchase through the API; `wait` asks for the payment outcome in the answer. */
  const buy = async (i: number, wait: boolean) => {
    const listing = takeListing();
    const buyer = `bench_buyer_${run}_${next}_${i}`;
    const res = await fetch(`${stack.urls.api}/v1/orders${wait ? '?wait=payment' : ''}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokens.for(buyer)}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${buyer}`,
      },
      body: JSON.stringify({ listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' }),
    });
    const body = (await res.json()) as { id?: string; status?: string };
    if (res.status >= 300) throw new Error(`POST /v1/orders → ${res.status} ${JSON.stringify(body)}`);
    return body.id!;
  };

  const engine = await startEngineBaseline();
  const plain = await startPlainHandler(
    db,
    createActivities({
      db,
      redis,
      payments: createSandboxProvider({
        baseUrl: stack.urls.sandbox,
        apiKey: env.PAYMENTS_API_KEY,
        timeoutMs: 10_000,
      }),
      log: pino({ level: 'silent' }),
      fraudRules: env.FRAUD_RULES,
    }),
  );
  const steps = await activitiesUntilPaid();
  say(`the purchase workflow runs ${steps} activities until paid; baseline (a) runs ${steps} no-ops`);

  const rates = [];
  for (const rate of RATES) {
    await quiesce();
    say(`rate ${rate}/s: warm-up ${WARMUP} s, then ${SECONDS} s measured`);
    const cpuAtWarmup = cpuSnapshot(stack);
    const warmup = await openLoop(rate, WARMUP, (i) => buy(i, i % 2 === 1));
    const cpuBefore = cpuSnapshot(stack);
    const othersBefore = othersCpu();
    const phaseStart = new Date();
    const load = await openLoop(rate, SECONDS, async (i) => ({
      wait: i % 2 === 1,
      id: await buy(i, i % 2 === 1),
    }));
    const cpuAfter = cpuSnapshot(stack);
    const others = othersCpu(othersBefore);
    const orders = load.results.flatMap((r) => (r.value ? [r.value.id] : []));
    const paid = await timesToPaid(orders);
    const errors = load.results.filter((r) => r.error).map((r) => String(r.error));

    // Escrows of the orders just paid still start and notify: let them finish before the baselines run.
    await quiesce();
    const cpuIdle = cpuSnapshot(stack);
    const allOrders = orders.length + warmup.results.filter((r) => !r.error).length;
    say(`rate ${rate}/s: baseline (a), the engine alone`);
    const engineRun = await openLoop(rate, SECONDS, (i) => engine.run(`${run}-${rate}-${i}`, steps));
    await quiesce();
    say(`rate ${rate}/s: baseline (b), plain handler`);
    const plainRun = await openLoop(rate, SECONDS, async (i) => {
      const listing = takeListing();
      await ensureUser(db, `bench_plain_${run}_${rate}_${i}`, 'buyer');
      const res = await fetch(plain.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          listingId: listing.id,
          sellerId: listing.sellerId,
          buyerId: `bench_plain_${run}_${rate}_${i}`,
          amount: PRICE,
          paymentMethod: 'pm_card_ok',
        }),
      });
      if (res.status !== 201) throw new Error(`plain handler → ${res.status} ${await res.text()}`);
    });

    const engineMs = engineRun.results.filter((r) => !r.error).map((r) => r.ms);
    const plainMs = plainRun.results.filter((r) => !r.error).map((r) => r.ms);
    const throughput = (results: Array<{ startedAt: number; ms: number; error?: unknown }>) => {
      const ok = results.filter((r) => !r.error);
      const first = Math.min(...ok.map((r) => r.startedAt));
      const last = Math.max(...ok.map((r) => r.startedAt + r.ms));
      return round2(ok.length / ((last - first) / 1000));
    };
    const paidPerSec = round2(paid.paidCount / ((paid.lastPaidAt - phaseStart.getTime()) / 1000));
    const engineLatency = summary(engineMs);
    const plainLatency = summary(plainMs);
    const timeToPaid = summary(paid.ms);
    const orderLatency = summary(load.results.filter((r) => r.value && !r.value.wait).map((r) => r.ms));
    const waitLatency = summary(load.results.filter((r) => r.value?.wait).map((r) => r.ms));
    const engineThroughput = throughput(engineRun.results);
    rates.push({
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
      cpuSecondsPerOrder: Object.fromEntries(
        Object.entries(cpuAfter).map(([name, s]) => [
          name,
          round3((s - (cpuBefore[name] ?? 0)) / Math.max(1, orders.length)),
        ]),
      ),
      /**
       * Every CPU-second from the warm-up's start until the stack is idle after the last order is paid
       * (escrow start and notifications included), over the warm-up's and the measured phase's
       * orders: the whole cost of an order whether or not the stack kept up with the rate.
       */
      cpuSecondsPerOrderUntilIdle: Object.fromEntries(
        Object.entries(cpuIdle).map(([name, s]) => [
          name,
          round3((s - (cpuAtWarmup[name] ?? 0)) / Math.max(1, allOrders)),
        ]),
      ),
      generatorLateMs: Math.round(load.lateMs),
      otherProcessesCores: others,
    });
  }

  const stateTransitions = await stateTransitionsOf(engine.lastIds());
  const profile = await purchaseProfile();
  const engineClosedLoop = CLOSED_LOOP.seconds > 0 ? await engineAtCapacity(engine, run) : undefined;
  say(`hot item: ${opts['hot-buyers']} buyers, ${opts['hot-units']} units`);
  const hotItem = await hotItemRace(
    db,
    sellers[0]!,
    tokens,
    run,
    Number(opts['hot-buyers']),
    Number(opts['hot-units']),
  );

  let soak: Record<string, unknown> = { minutes: 0 };
  if (SOAK_MINUTES > 0) {
    say(`soak: ${SOAK_RATE}/s for ${SOAK_MINUTES} min`);
    const before = { worker: memory.now('worker'), api: memory.now('api') };
    const soakRun = await openLoop(SOAK_RATE, SOAK_MINUTES * 60, (i) => buy(i, false));
    const ids = soakRun.results.flatMap((r) => (r.value ? [r.value] : []));
    const paid = await timesToPaid(ids);
    soak = {
      minutes: SOAK_MINUTES,
      rate: SOAK_RATE,
      orders: ids.length,
      paid: paid.paidCount,
      timeToPaidMs: summary(paid.ms),
      rssBeforeMiB: before,
      rssAfterMiB: { worker: memory.now('worker'), api: memory.now('api') },
    };
  }

  await engine.stop();
  await plain.close();
  const top = rates[rates.length - 1]!;
  return {
    target,
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    versions: stack.versions,
    bound:
      target === 'cluster'
        ? `Temporal server (frontend, history, matching, worker in one process) on the stack's PostgreSQL, ${CLUSTER_SHARDS} history shards with one persistence write in flight each; PostgreSQL holds the app's and Temporal's databases (its CPU is both; postgresForTemporal is the part of Temporal's connections); these figures are its, on 2 cores shared by every process`
        : 'Temporal CLI dev server: 1 history shard, 1 SQLite connection (WAL); these figures are its, on 2 cores shared by every process',
    settings: {
      rates: RATES,
      seconds: SECONDS,
      warmup: WARMUP,
      activitiesUntilPaid: steps,
      ...(target === 'cluster' && { historyShards: CLUSTER_SHARDS }),
    },
    ratioToBaseline: top.ratioToBaseline,
    rates,
    ...(engineClosedLoop && { engineClosedLoop }),
    stateTransitions,
    profile,
    hotItem,
    memory: { peakMiB: memory.peaks(), ...soak },
  };
}

type TargetReport = Awaited<ReturnType<typeof runBench>> & {
  durationSeconds: number;
  loadAverage: { before: number[]; after: number[] };
};

/**
 * The engine alone at its ceiling, as issue 9 measured it: a bare workflow of `--closed-loop-steps`
 * no-op activities, `--closed-loop-concurrency` callers each starting the next when the last completes.
 */
async function engineAtCapacity(engine: Awaited<ReturnType<typeof startEngineBaseline>>, run: string) {
  const { seconds, concurrency, steps } = CLOSED_LOOP;
  await quiesce();
  say(
    `engine alone, closed loop: ${concurrency} callers, ${steps} no-op activities, ${WARMUP} s + ${seconds} s`,
  );
  const call = (caller: number, i: number, phase: string) =>
    engine.run(`${run}-closed-${phase}-${caller}-${i}`, steps);
  await closedLoop(concurrency, WARMUP, (c, i) => call(c, i, 'warmup'));
  const cpuBefore = cpuSnapshot(stack);
  const benchBefore = process.cpuUsage();
  const othersBefore = othersCpu();
  const result = await closedLoop(concurrency, seconds, (c, i) => call(c, i, 'measured'));
  const cpuAfter = cpuSnapshot(stack);
  const bench = process.cpuUsage(benchBefore);
  const perWorkflow = (s: number) => round3(s / Math.max(1, result.completed));
  return {
    steps,
    concurrency,
    seconds,
    completed: result.completed,
    completedPerSec: result.perSec,
    ...summary(result.ms),
    errors: result.errors,
    ...(result.firstError && { firstError: result.firstError }),
    cpuSecondsPerWorkflow: {
      ...(Object.fromEntries(
        ['temporal', 'postgres', 'postgresForTemporal']
          .filter((name) => cpuAfter[name] !== undefined)
          .map((name) => [name, perWorkflow(cpuAfter[name]! - (cpuBefore[name] ?? 0))]),
      ) as { temporal?: number; postgres?: number; postgresForTemporal?: number }),
      // The baseline's worker and the client starting the workflows run in the bench process.
      benchProcess: perWorkflow((bench.user + bench.system) / 1e6),
    },
    otherProcessesCores: othersCpu(othersBefore),
  };
}

/**
 * Cores that processes outside this bench (its stack included) kept busy: other test runs on the
 * machine. With no argument, a snapshot; with the snapshot, the mean cores busy since.
 */
function othersCpu(): { at: number; machine: number; own: number };
function othersCpu(since: { at: number; machine: number; own: number }): number;
function othersCpu(since?: { at: number; machine: number; own: number }) {
  const now = { at: performance.now(), machine: machineBusySeconds(), own: cpuSeconds(process.pid) };
  if (!since) return now;
  const seconds = (now.at - since.at) / 1000;
  return round2(Math.max(0, now.machine - since.machine - (now.own - since.own)) / seconds);
}

/** Waits until the Temporal server and the worker are nearly idle (< 10% of a core), at most 3 min. */
async function quiesce() {
  const busy = () => {
    const snap = cpuSnapshot(stack);
    return (snap.temporal ?? 0) + (snap.worker ?? 0);
  };
  const deadline = Date.now() + 180_000;
  let last = busy();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = busy();
    if (now - last < 0.1) return;
    last = now;
  }
  say('still busy after 3 min; measuring anyway');
}

/** Baseline (a): a worker in this process running `noopSteps` on a task queue of its own. */
async function startEngineBaseline() {
  const taskQueue = 'bench-engine-baseline';
  const nativeConnection = await NativeConnection.connect(temporalSettings.native);
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: join(repoRoot, 'bench', 'baseline-workflow.ts'),
    activities: { noop: async () => {} },
    dataConverter,
    // The same tuning as the platform's worker (workers/create-workers.ts).
    reuseV8Context: true,
    maxConcurrentWorkflowTaskExecutions: 16,
    maxCachedWorkflows: 500,
    maxConcurrentActivityTaskExecutions: 8,
  });
  const running = worker.run();
  let lastIds: string[] = [];
  return {
    async run(id: string, steps: number) {
      const workflowId = `bench-noop-${id}`;
      lastIds = [...lastIds.slice(-19), workflowId];
      await client.workflow.execute('noopSteps', { taskQueue, workflowId, args: [steps] });
    },
    lastIds: () => lastIds,
    async stop() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
    },
  };
}

/** Activities the purchase workflow of one paid order scheduled (read from its history). */
async function activitiesUntilPaid(): Promise<number> {
  const [row] = await pg<
    { id: string }[]
  >`select id from orders where status = 'paid' order by created_at desc limit 1`;
  if (!row) {
    // Nothing bought yet: buy one at once and wait for it.
    const listing = (await seedListings(db, [`bench_seller_probe`], 1, true))[0]!;
    const token = await signToken(env.JWT_SECRET, { sub: 'bench_probe_buyer' });
    const res = await fetch(`${stack.urls.api}/v1/orders?wait=payment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' }),
    });
    const order = (await res.json()) as { id: string };
    return countScheduled(order.id);
  }
  return countScheduled(row.id);
}

async function countScheduled(orderId: string): Promise<number> {
  const handle = client.workflow.getHandle(purchaseWorkflowId({ orderId }));
  await handle.result().catch(() => {});
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
}

async function stateTransitionsOf(engineIds: string[]) {
  const rows = await pg<
    { id: string }[]
  >`select id from orders where status = 'paid' and buyer_id not like 'bench_plain%' order by created_at desc limit 20`;
  const count = async (workflowId: string) => {
    const d = await client.workflow.getHandle(workflowId).describe();
    return Number(d.raw.workflowExecutionInfo?.stateTransitionCount ?? 0);
  };
  const purchase = await Promise.all(rows.map((r) => count(purchaseWorkflowId({ orderId: r.id }))));
  const engine = await Promise.all(engineIds.map(count));
  const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
  return { purchaseWorkflow: mean(purchase), engineBaselineWorkflow: mean(engine), sampled: purchase.length };
}

/**
 * Where a purchase's time goes, from the histories of recent paid orders (mean ms): workflow tasks
 * (scheduled → completed), and per activity type the wait for a worker (scheduled → started) and the
 * run (started → completed).
 */
async function purchaseProfile() {
  const rows = await pg<
    { id: string }[]
  >`select id from orders where status = 'paid' and buyer_id not like 'bench_plain%' order by created_at desc limit 20`;
  const buckets = new Map<string, number[]>();
  const add = (name: string, ms: number) => buckets.set(name, [...(buckets.get(name) ?? []), ms]);
  for (const { id } of rows) {
    const history = await client.workflow.getHandle(purchaseWorkflowId({ orderId: id })).fetchHistory();
    const events = history.events ?? [];
    const at = (e: (typeof events)[number]) =>
      Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
    const byId = new Map(events.map((e) => [Number(e.eventId), e]));
    let workflowTaskMs = 0;
    for (const e of events) {
      const started = e.activityTaskStartedEventAttributes;
      const completed = e.activityTaskCompletedEventAttributes;
      const taskDone = e.workflowTaskCompletedEventAttributes;
      if (taskDone) workflowTaskMs += at(e) - at(byId.get(Number(taskDone.scheduledEventId))!);
      if (started) {
        const scheduled = byId.get(Number(started.scheduledEventId))!;
        add(
          `${scheduled.activityTaskScheduledEventAttributes?.activityType?.name} wait`,
          at(e) - at(scheduled),
        );
      }
      if (completed) {
        const scheduled = byId.get(Number(completed.scheduledEventId))!;
        const startedEvent = byId.get(Number(completed.startedEventId))!;
        add(
          `${scheduled.activityTaskScheduledEventAttributes?.activityType?.name} run`,
          at(e) - at(startedEvent),
        );
      }
    }
    add('workflow tasks (sum)', workflowTaskMs);
    add('whole purchase workflow', at(events.at(-1)!) - at(events[0]!));
  }
  return Object.fromEntries(
    [...buckets].map(([name, ms]) => [name, Math.round(ms.reduce((a, b) => a + b, 0) / ms.length)]),
  );
}

async function seedListings(database: Db, sellers: string[], count: number, ensureSellers = false) {
  if (ensureSellers) for (const seller of sellers) await ensureUser(database, seller, 'seller');
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId('lst'),
    sellerId: sellers[i % sellers.length]!,
    title: `Bench item ${i}`,
    amount: BigInt(PRICE),
    currency: 'EUR' as const,
    quantity: 1,
    available: 1,
  }));
  for (let i = 0; i < rows.length; i += 1000) await database.insert(listings).values(rows.slice(i, i + 1000));
  return rows;
}

/** When each order reached `paid`, from the order's own events (server clocks, not the client's). */
async function timesToPaid(orderIds: string[], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  type Row = { id: string; status: string; created_ms: number; paid_ms: number | null };
  let rows: Row[] = [];
  while (Date.now() < deadline) {
    rows = await pg<Row[]>`
      select o.id, o.status, extract(epoch from o.created_at) * 1000 as created_ms,
             (select extract(epoch from e.created_at) * 1000 from order_events e
               where e.order_id = o.id and e.to_status = 'paid' limit 1) as paid_ms
        from orders o where o.id = any(${orderIds})`;
    if (
      rows.length === orderIds.length &&
      rows.every((r) => ['paid', 'failed'].includes(r.status) || r.paid_ms)
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const paid = rows.filter((r) => r.paid_ms !== null);
  return {
    paidCount: paid.length,
    ms: paid.map((r) => Number(r.paid_ms) - Number(r.created_ms)),
    lastPaidAt: Math.max(...paid.map((r) => Number(r.paid_ms))),
  };
}

/** 1,000 buyers at once for 10 units of one listing: exactly 10 sold, the rest refused, none oversold. */
async function hotItemRace(
  database: Db,
  seller: string,
  tokens: TokenCache,
  run: string,
  buyers: number,
  units: number,
) {
  const [listing] = await database
    .insert(listings)
    .values({
      id: newId('lst'),
      sellerId: seller,
      title: 'Hot item',
      amount: BigInt(PRICE),
      currency: 'EUR',
      quantity: units,
      available: units,
    })
    .returning();
  const buyerTokens = await Promise.all(
    Array.from({ length: buyers }, (_, i) => tokens.for(`bench_hot_${run}_${i}`)),
  );
  const started = performance.now();
  const answers = await Promise.all(
    buyerTokens.map(async (token) => {
      const res = await fetch(`${stack.urls.api}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ listingId: listing!.id, quantity: 1, paymentMethod: 'pm_card_ok' }),
      });
      return { status: res.status, body: (await res.json()) as { id?: string; code?: string } };
    }),
  );
  const placed = answers.flatMap((a) => (a.status === 202 && a.body.id ? [a.body.id] : []));
  const refusedAtOnce = answers.filter((a) => a.status === 409 && a.body.code === 'out_of_stock').length;
  const deadline = Date.now() + 180_000;
  let finals: Array<{ status: string; failure_reason: string | null }> = [];
  while (Date.now() < deadline) {
    finals = await pg`select status, failure_reason from orders where listing_id = ${listing!.id}`;
    if (finals.every((o) => ['paid', 'failed'].includes(o.status))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const ms = Math.round(performance.now() - started);
  const [after] = await pg<{ available: number }[]>`select available from listings where id = ${listing!.id}`;
  const sold = finals.filter((o) => o.status === 'paid').length;
  return {
    buyers,
    units,
    sold,
    failed: finals.filter((o) => o.status === 'failed').length,
    outOfStockAtOnce: refusedAtOnce,
    otherErrors: answers.length - placed.length - refusedAtOnce,
    oversold: Math.max(0, sold - units) + Math.max(0, -(after?.available ?? 0)),
    availableAfter: after?.available,
    ms,
  };
}

/**
 * CPU-seconds so far of each process tree the stack started, by role: per-queue workers count as
 * `worker`, API replicas and their proxy as `api`. In cluster mode `temporal` is the server and the
 * ui-server (the dev server has its UI inside), and `postgresForTemporal` is the part of `postgres`
 * spent by backends connected to Temporal's databases (a subset of `postgres`, not an addition).
 */
function cpuSnapshot(s: Stack): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (name: string, seconds: number) => {
    out[name] = (out[name] ?? 0) + seconds;
  };
  const procs: Record<string, { child: { pid?: number } } | undefined> = s.processes;
  for (const [name, proc] of Object.entries(procs)) {
    const pid = proc?.child.pid;
    if (!pid) continue;
    const role = name.startsWith('worker') ? 'worker' : name.startsWith('api') ? 'api' : name;
    if (role === 'postgres' && target === 'cluster') {
      const appDatabase = new URL(env.DATABASE_URL).pathname.slice(1);
      const split = cpuSecondsBy(pid, (p) => {
        const database = /^postgres: \S+ (\S+) /.exec(commandLine(p))?.[1];
        return database && database !== appDatabase && database.startsWith('temporal')
          ? 'temporal'
          : undefined;
      });
      add(
        'postgres',
        Object.values(split).reduce((a, b) => a + b, 0),
      );
      add('postgresForTemporal', split.temporal ?? 0);
    } else {
      add(role, cpuSeconds(pid));
    }
  }
  if (target === 'cluster') {
    const ui = temporalUiServerPath();
    for (const pid of processTree(process.pid))
      if (commandLine(pid).startsWith(`${ui} `)) add('temporal', cpuSeconds(pid));
  }
  const order = ['temporal', 'worker', 'api', 'postgres', 'postgresForTemporal', 'sandbox', 'redis'];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => rank(a) - rank(b)));
}

/** Samples worker and API memory every second; VmHWM keeps each process's peak. */
class MemoryWatch {
  private readonly peak: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly s: Stack) {
    this.timer = setInterval(() => {
      for (const name of ['worker', 'api'] as const)
        this.peak[name] = Math.max(this.peak[name] ?? 0, this.read(name).peak);
    }, 1000);
  }
  private read(name: 'worker' | 'api') {
    const pid = this.s.processes[name]?.child.pid;
    return pid ? memoryMiB(pid) : { rss: 0, peak: 0 };
  }
  now = (name: 'worker' | 'api') => Math.round(this.read(name).rss);
  peaks = () => Object.fromEntries(Object.entries(this.peak).map(([k, v]) => [k, Math.round(v)]));
  stop = () => clearInterval(this.timer);
}

class TokenCache {
  private readonly tokens = new Map<string, Promise<string>>();
  constructor(private readonly secret: string) {}
  for(sub: string): Promise<string> {
    let token = this.tokens.get(sub);
    if (!token) {
      token = signToken(this.secret, { sub });
      this.tokens.set(sub, token);
    }
    return token;
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

function printReport(report: TargetReport) {
  console.log(
    `\nescrowflow bench [${report.target}] — ${report.date} — ${report.machine.cores} cores, ${report.machine.cpu}`,
  );
  console.log(report.bound);
  console.table(
    report.rates.map((r) => ({
      'rate/s': r.rate,
      'paid/s': r.paidPerSec,
      'POST p50/p99 ms': `${r.orderMs.p50}/${r.orderMs.p99}`,
      'wait=payment p50/p99': `${r.waitPaymentMs.p50}/${r.waitPaymentMs.p99}`,
      'to paid p50/p95/p99': `${r.timeToPaidMs.p50}/${r.timeToPaidMs.p95}/${r.timeToPaidMs.p99}`,
      '(a) engine /s': r.engineBaseline.completedPerSec,
      '(a) p50/p99': `${r.engineBaseline.p50}/${r.engineBaseline.p99}`,
      '(b) plain /s': r.plainBaseline.perSec,
      '(b) p50/p99': `${r.plainBaseline.p50}/${r.plainBaseline.p99}`,
      'ratio to (a)': r.ratioToBaseline,
      'durability +ms': r.durabilityCostMs,
      errors: r.errors,
      'others, cores': r.otherProcessesCores,
    })),
  );
  console.log('CPU-seconds per order (measured phase):');
  console.table(Object.fromEntries(report.rates.map((r) => [`${r.rate}/s`, r.cpuSecondsPerOrder])));
  console.log('CPU-seconds per order, warm-up start until idle after the last is paid:');
  console.table(Object.fromEntries(report.rates.map((r) => [`${r.rate}/s`, r.cpuSecondsPerOrderUntilIdle])));
  if (report.engineClosedLoop) console.log('engine alone, closed loop:', report.engineClosedLoop);
  console.log('state transitions per workflow:', report.stateTransitions);
  console.log('where a purchase spends its time (mean ms over recent paid orders):');
  console.table(report.profile);
  console.log('hot item:', report.hotItem);
  console.log('memory (MiB):', report.memory);
  console.log(`ratioToBaseline (at ${report.rates.at(-1)?.rate}/s): ${report.ratioToBaseline}`);
  console.log(
    `[${report.target}] ${report.durationSeconds} s; load average before ${report.loadAverage.before.join(' ')}, after ${report.loadAverage.after.join(' ')}`,
  );
}

/** One target at one rate, in the terms of issue 9's side-by-side table. */
function sideOf(report: TargetReport | undefined, rate: number) {
  const r = report?.rates.find((x) => x.rate === rate);
  if (!r) return undefined;
  const cpu = r.cpuSecondsPerOrderUntilIdle;
  return {
    paidPerSec: r.paidPerSec,
    p50TimeToPaidMs: r.timeToPaidMs.p50,
    p99TimeToPaidMs: r.timeToPaidMs.p99,
    cpuPerOrder: {
      temporal: cpu.temporal ?? 0,
      worker: cpu.worker ?? 0,
      api: cpu.api ?? 0,
      postgres: cpu.postgres ?? 0,
      ...(cpu.postgresForTemporal !== undefined && { postgresForTemporal: cpu.postgresForTemporal }),
    },
    engineBaseline: {
      completedPerSec: r.engineBaseline.completedPerSec,
      p50Ms: r.engineBaseline.p50,
      p99Ms: r.engineBaseline.p99,
    },
    otherProcessesCores: r.otherProcessesCores,
  };
}

/**
 * The file of one run: the dev target's report at the top level (the shape outside checks read), the
 * cluster's under `cluster`, and `sideBySide` when both ran. A run without dev has no top-level figures.
 */
function combine(
  reports: Partial<Record<Target, TargetReport>>,
  totalSeconds: number,
  failed: Partial<Record<Target, string>> = {},
) {
  const { dev, cluster } = reports;
  const first = (dev ?? cluster)!;
  const rates = [...new Set([...(dev?.rates ?? []), ...(cluster?.rates ?? [])].map((r) => r.rate))].sort(
    (a, b) => a - b,
  );
  const sideBySide =
    dev && cluster
      ? rates.map((rate) => ({ rate, dev: sideOf(dev, rate), cluster: sideOf(cluster, rate) }))
      : undefined;
  return {
    ...(dev ?? { date: first.date, machine: first.machine }),
    targets: TARGETS,
    totalSeconds,
    ...(Object.keys(failed).length > 0 && { failed }),
    ...(cluster && { cluster }),
    ...(sideBySide && { sideBySide }),
  };
}

/** Says so when the file this run replaces held a target this run did not measure. */
function warnAboutDropped(file: string, output: ReturnType<typeof combine>) {
  if (!existsSync(file)) return;
  let previous: { date?: string; rates?: unknown; cluster?: { date?: string } };
  try {
    previous = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return;
  }
  const dropped = [
    ...(previous.rates && !TARGETS.includes('dev') ? [`dev (${previous.date})`] : []),
    ...(previous.cluster && !('cluster' in output) ? [`cluster (${previous.cluster.date})`] : []),
  ];
  if (dropped.length > 0) {
    say(
      `warning: ${file} held results of ${dropped.join(', ')} that this run did not measure; the new file has only ${TARGETS.join(', ')} (the old one is in git; --targets dev,cluster measures both)`,
    );
  }
}

function printSideBySide(
  rows: NonNullable<ReturnType<typeof combine>['sideBySide']>,
  reports: Partial<Record<Target, TargetReport>>,
) {
  const cell = (side: ReturnType<typeof sideOf>, f: (x: NonNullable<ReturnType<typeof sideOf>>) => string) =>
    side ? f(side) : '–';
  const cpu = (x: NonNullable<ReturnType<typeof sideOf>>) =>
    `T ${x.cpuPerOrder.temporal} W ${x.cpuPerOrder.worker} A ${x.cpuPerOrder.api} PG ${x.cpuPerOrder.postgres}${
      x.cpuPerOrder.postgresForTemporal !== undefined ? ` (T ${x.cpuPerOrder.postgresForTemporal})` : ''
    }`;
  console.log('\nDev server vs cluster (same phases, a fresh stack each):');
  console.log(`  dev:     ${reports.dev?.versions.temporal}`);
  console.log(`  cluster: ${reports.cluster?.versions.temporal}`);
  console.table(
    rows.map((r) => ({
      'rate/s': r.rate,
      'paid/s dev': cell(r.dev, (x) => String(x.paidPerSec)),
      'paid/s cluster': cell(r.cluster, (x) => String(x.paidPerSec)),
      'to paid p50/p99 dev': cell(r.dev, (x) => `${x.p50TimeToPaidMs}/${x.p99TimeToPaidMs}`),
      'to paid p50/p99 cluster': cell(r.cluster, (x) => `${x.p50TimeToPaidMs}/${x.p99TimeToPaidMs}`),
      '(a) /s dev': cell(r.dev, (x) => String(x.engineBaseline.completedPerSec)),
      '(a) /s cluster': cell(r.cluster, (x) => String(x.engineBaseline.completedPerSec)),
    })),
  );
  console.log(
    'CPU-seconds per order until idle (T temporal, W worker, A api, PG postgres; cluster: (T …) = PG for Temporal):',
  );
  console.table(
    rows.map((r) => ({ 'rate/s': r.rate, dev: cell(r.dev, cpu), cluster: cell(r.cluster, cpu) })),
  );
  const closed = (t: Target) => reports[t]?.engineClosedLoop;
  if (closed('dev') || closed('cluster')) {
    console.log('engine alone, closed loop:');
    console.table(
      Object.fromEntries(
        TARGETS.flatMap((t) => {
          const c = closed(t);
          return c
            ? [
                [
                  t,
                  {
                    'workflows/s': c.completedPerSec,
                    'p50/p99 ms': `${c.p50}/${c.p99}`,
                    steps: c.steps,
                    callers: c.concurrency,
                    'temporal CPU-s/wf': c.cpuSecondsPerWorkflow.temporal,
                    'postgres CPU-s/wf': c.cpuSecondsPerWorkflow.postgres,
                  },
                ],
              ]
            : [];
        }),
      ),
    );
  }
}

await main();
