/** The bench's output: the printed tables and the file of one run (bench/latest.json's shape). */
import { existsSync, readFileSync } from 'node:fs';
import { say, type Target } from './options.js';
import { relativeToEngine } from './ratios.js';
import type { TargetReport } from './target.js';

export function printReport(report: TargetReport) {
  console.log(
    `\nescrowflow bench [${report.target}] — ${report.date} — commit ${report.commit} — ${report.machine.cores} cores, ${report.machine.cpu}`,
  );
  console.log(report.bound);
  const pair = (x: { p50: number; p99: number } | undefined) => (x ? `${x.p50}/${x.p99}` : '–');
  console.table(
    report.rates.map((r) => ({
      'rate/s': r.rate,
      'paid/s': r.paidPerSec,
      'paid/s from warm-up': r.paidPerSecFromWarmup,
      'POST p50/p99 ms': pair(r.orderMs),
      'wait=payment p50/p99': pair(r.waitPaymentMs),
      'to paid p50/p95/p99': `${r.timeToPaidMs.p50}/${r.timeToPaidMs.p95}/${r.timeToPaidMs.p99}`,
      '(a) engine /s': r.engineBaseline?.completedPerSec ?? '–',
      '(a) p50/p99': pair(r.engineBaseline),
      '(a, shape) /s': r.engineShapeBaseline?.completedPerSec ?? '–',
      '(a, shape) p50/p99': pair(r.engineShapeBaseline),
      '(b) plain /s': r.plainBaseline?.perSec ?? '–',
      '(b) p50/p99': pair(r.plainBaseline),
      'ratio to (a)': r.ratioToBaseline ?? '–',
      'ratio to (a, shape)': r.ratioToShapeBaseline ?? '–',
      'durability +ms': r.durabilityCostMs ?? '–',
      errors: r.errors,
      'others, cores': r.otherProcessesCores,
    })),
  );
  const byRate = (pick: (r: TargetReport['rates'][number]) => object | undefined) =>
    console.table(Object.fromEntries(report.rates.map((r) => [`${r.rate}/s`, pick(r) ?? {}])));
  console.log('CPU-seconds per order (measured phase):');
  byRate((r) => r.cpuSecondsPerOrder);
  console.log('CPU-seconds per order, warm-up start until idle after the last is paid:');
  byRate((r) => r.cpuSecondsPerOrderUntilIdle);
  if (report.idleCores) {
    console.log(`cores busy at rest (${report.idleSeconds} s):`, report.idleCores);
    console.log('the same per order, less the cores at rest over the window:');
    byRate((r) => r.cpuSecondsPerOrderNet);
  }
  console.log('peak memory per process, by role (PSS MiB, over each rate until idle):');
  byRate((r) => r.peakMiB);
  console.log('storage per order (bytes; rows), by rate:');
  byRate((r) => ({
    app: `${r.storagePerOrder.appBytes} B; ${r.storagePerOrder.appRows} rows`,
    ...(r.storagePerOrder.temporal && {
      temporal: `${r.storagePerOrder.temporal.bytes} B; ${r.storagePerOrder.temporal.historyNodeRows} history rows`,
    }),
  }));
  if (report.engineClosedLoop) console.log('engine alone, closed loop:', report.engineClosedLoop);
  printRelativeToEngine(report);
  console.log('state transitions per workflow:', report.stateTransitions);
  console.log('where a purchase spends its time (mean ms over recent paid orders):');
  console.table(report.profile);
  if (report.hotItem) console.log('hot item:', report.hotItem);
  console.log('memory (MiB):', report.memory);
  console.log(
    `ratioToBaseline (at ${report.rates.at(-1)?.rate}/s): ${report.ratioToBaseline ?? '–'}; to the shape baseline: ${report.ratioToShapeBaseline ?? '–'}`,
  );
  console.log(
    `[${report.target}] ${report.durationSeconds} s; load average before ${report.loadAverage.before.join(' ')}, after ${report.loadAverage.after.join(' ')}`,
  );
}

/**
 * The figures of record (issue 27): each beside the same run's engine (bench/ratios.ts), so runs on
 * different or busy machines compare. `×` is the ratio; `–` where the run lacks that baseline.
 */
function printRelativeToEngine(report: TargetReport) {
  const rel = withRelative(report).relativeToEngine;
  const x = (n: number | undefined) => (n === undefined ? '–' : `${n}×`);
  console.log(
    rel.engineSpeed
      ? `relative to the engine, same run (its speed on this machine: ${rel.engineSpeed.workflowsPerSec} bare ${rel.engineSpeed.steps}-step workflows/s closed loop, ${rel.engineSpeed.cpuSecondsPerWorkflow} CPU-s each):`
      : 'relative to the engine, same run (no closed loop: --closed-loop-seconds 30 measures the CPU ratio and the engine speed):',
  );
  console.table(
    rel.rates.map((r) => ({
      'rate/s': r.rate,
      'CPU-s/order': r.cpuSecondsPerOrder,
      'CPU ÷ bare workflow': x(r.cpuToBareWorkflow),
      'to paid p50 ÷ (a)': x(r.timeToPaidP50ToEngine),
      'to paid p99 ÷ (a)': x(r.timeToPaidP99ToEngine),
      'to paid p50 ÷ (a, shape)': x(r.timeToPaidP50ToShape),
      'paid/s ÷ (a)': x(r.paidPerSecToEngine),
      'paid/s ÷ (a, shape)': x(r.paidPerSecToShape),
    })),
  );
}

/** A target's report with its figures relative to its own engine (what the file keeps). */
function withRelative(report: TargetReport) {
  return { ...report, relativeToEngine: relativeToEngine(report.rates, report.engineClosedLoop) };
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
    ...(r.engineBaseline && {
      engineBaseline: {
        completedPerSec: r.engineBaseline.completedPerSec,
        p50Ms: r.engineBaseline.p50,
        p99Ms: r.engineBaseline.p99,
      },
    }),
    otherProcessesCores: r.otherProcessesCores,
  };
}

/**
 * The file of one run: the dev target's report at the top level (the shape outside checks read), the
 * cluster's under `cluster`, and `sideBySide` when both ran. A run without dev has no top-level figures.
 */
export function combine(
  targets: Target[],
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
    ...(dev ? withRelative(dev) : { date: first.date, machine: first.machine }),
    targets,
    totalSeconds,
    ...(Object.keys(failed).length > 0 && { failed }),
    ...(cluster && { cluster: withRelative(cluster) }),
    ...(sideBySide && { sideBySide }),
  };
}

export type BenchFile = ReturnType<typeof combine>;

/** Says so when the file this run replaces held a target this run did not measure. */
export function warnAboutDropped(file: string, output: BenchFile) {
  if (!existsSync(file)) return;
  let previous: { date?: string; rates?: unknown; cluster?: { date?: string } };
  try {
    previous = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return;
  }
  const { targets } = output;
  const dropped = [
    ...(previous.rates && !targets.includes('dev') ? [`dev (${previous.date})`] : []),
    ...(previous.cluster && !('cluster' in output) ? [`cluster (${previous.cluster.date})`] : []),
  ];
  if (dropped.length > 0) {
    say(
      `warning: ${file} held results of ${dropped.join(', ')} that this run did not measure; the new file has only ${targets.join(', ')} (the old one is in git; --targets dev,cluster measures both)`,
    );
  }
}

type Side = NonNullable<ReturnType<typeof sideOf>>;

export function printSideBySide(
  rows: NonNullable<BenchFile['sideBySide']>,
  targets: Target[],
  reports: Partial<Record<Target, TargetReport>>,
) {
  const cell = (side: Side | undefined, f: (x: Side) => string) => (side ? f(side) : '–');
  const cpu = (x: Side) =>
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
      '(a) /s dev': cell(r.dev, (x) => String(x.engineBaseline?.completedPerSec ?? '–')),
      '(a) /s cluster': cell(r.cluster, (x) => String(x.engineBaseline?.completedPerSec ?? '–')),
    })),
  );
  console.log(
    'CPU-seconds per order until idle (T temporal, W worker, A api, PG postgres; cluster: (T …) = PG for Temporal):',
  );
  console.table(
    rows.map((r) => ({ 'rate/s': r.rate, dev: cell(r.dev, cpu), cluster: cell(r.cluster, cpu) })),
  );
  printClosedLoops(targets, reports);
}

function printClosedLoops(targets: Target[], reports: Partial<Record<Target, TargetReport>>) {
  const closed = (t: Target) => reports[t]?.engineClosedLoop;
  if (!closed('dev') && !closed('cluster')) return;
  console.log('engine alone, closed loop:');
  console.table(
    Object.fromEntries(
      targets.flatMap((t) => {
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
