/**
 * `npm run bench`: the platform under open-loop load on a private stack (Temporal, PostgreSQL, Redis,
 * sandbox provider, worker, API), beside baselines measured in the same run: (a) the engine alone, a
 * workflow of 4 no-op activities (issue 15's purchase), and (a, shape) the purchase's present shape in
 * no-op steps; (b) the same steps in a plain handler without Temporal. Then a hot-item race and a
 * soak. Per rate it records CPU per order of every process (net of the stack at rest), each process's
 * peak memory and the storage an order adds, which `npm run capacity` reads. Prints a table and
 * writes bench/latest.json.
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
 *                    [--cluster-shards 4] [--workers combined|per-queue|orders:2,…] [--skip-baselines]
 *                    [--idle-seconds 10] [--bids-rates 20,50] [--offers-rate 10] [--sse-clients 5000]
 *                    [--sse-outbids 200] [--out FILE]
 *
 * `--workers` is ESCROWFLOW_WORKERS' topology (per queue: CPU and memory per queue); `--hot-buyers 0`
 * skips the race; `--skip-baselines` measures the platform alone (shorter capacity runs).
 * The marketplace phases (issue 25, bench/marketplace.ts, under `marketplace` in the JSON): bid
 * placement p50/p99 on one hot auction per `--bids-rates` rate; offer creation beside POST /v1/orders
 * at `--offers-rate`; `--sse-clients` streams on one API process (Redis connections, API RSS) and the
 * delay from an outbid to its event at the client over a chain of `--sse-outbids` bids. 0 (or an
 * empty list) skips each; they run `--warmup` + `--seconds` per rate.
 *
 * The phases live beside this entry: `options.ts` (this command line), `target.ts` (one target: its
 * stack and the phases in order), `rate-phase.ts` (one rate and its baselines), `baselines.ts`,
 * `closed-loop.ts`, `hot-item.ts`, `soak.ts`, `profiles.ts` (histories), `measure.ts` (CPU, memory,
 * idleness), `storage.ts` (rows and bytes per order), `orders.ts` (listings and purchases),
 * `marketplace.ts` (bids, offers, SSE) and `report.ts` (tables and the JSON file).
 */
import { writeFileSync } from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseBenchOptions, say, type Target } from './options.js';
import { combine, printReport, printSideBySide, warnAboutDropped } from './report.js';
import { printMarketplace } from './report-marketplace.js';
import { benchTarget, type TargetReport } from './target.js';

const opts = parseBenchOptions();
Runtime.install({ logger: new DefaultLogger('WARN') });

const started = Date.now();
const reports: Partial<Record<Target, TargetReport>> = {};
const failed: Partial<Record<Target, string>> = {};
for (const t of opts.targets) {
  try {
    reports[t] = await benchTarget(opts, t);
    printReport(reports[t]);
    printMarketplace(reports[t].marketplace);
  } catch (err) {
    // The other target's figures are still worth keeping: note the failure, write the rest, exit 1.
    failed[t] = err instanceof Error ? (err.stack ?? err.message) : String(err);
    say(`target ${t} failed: ${failed[t]}`);
  }
}
if (!reports.dev && !reports.cluster)
  throw new Error(`every target failed: ${Object.keys(failed).join(', ')}`);
const output = combine(opts.targets, reports, Math.round((Date.now() - started) / 1000), failed);
warnAboutDropped(opts.out, output);
writeFileSync(opts.out, `${JSON.stringify(output, null, 2)}\n`);
if (output.sideBySide) printSideBySide(output.sideBySide, opts.targets, reports);
say(`wrote ${opts.out} (${output.totalSeconds} s in all)`);
if (Object.keys(failed).length > 0) process.exitCode = 1;
