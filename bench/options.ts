/**
 * The bench's command line and the helpers every phase shares. `parseBenchOptions` is the one reader
 * of `process.argv`; the phases take what they need from the options it returns.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../scripts/stack/paths.js';
import { parseWorkerTopology } from '../scripts/stack/topology.js';

export const TARGET_NAMES = ['dev', 'cluster'] as const;
export type Target = (typeof TARGET_NAMES)[number];

/** Price of every bench listing, in minor units. */
export const PRICE = 2_500;

export function parseBenchOptions(args: string[] = process.argv.slice(2)) {
  const { values: opts } = parseArgs({
    args,
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
      workers: { type: 'string' },
      'skip-baselines': { type: 'boolean', default: false },
      'idle-seconds': { type: 'string', default: '10' },
      'bids-rates': { type: 'string', default: '20,50' },
      'offers-rate': { type: 'string', default: '10' },
      'sse-clients': { type: 'string', default: '5000' },
      'sse-outbids': { type: 'string', default: '200' },
      out: { type: 'string' },
    },
  });
  const targets = [...new Set(opts.targets.split(',').map((t) => t.trim()))] as Target[];
  for (const t of targets) {
    if (!TARGET_NAMES.includes(t))
      throw new Error(`--targets: "${t}" is not one of ${TARGET_NAMES.join(', ')}`);
  }
  return {
    targets,
    out:
      opts.out ??
      join(repoRoot, 'bench', targets.includes('dev') ? 'latest.json' : `latest-${targets.join('-')}.json`),
    rates: opts.rates.split(',').map(Number),
    seconds: Number(opts.seconds),
    warmup: Number(opts.warmup),
    hotBuyers: Number(opts['hot-buyers']),
    hotUnits: Number(opts['hot-units']),
    soakMinutes: Number(opts['soak-minutes']),
    soakRate: Number(opts['soak-rate']),
    closedLoop: {
      seconds: Number(opts['closed-loop-seconds']),
      concurrency: Number(opts['closed-loop-concurrency']),
      steps: Number(opts['closed-loop-steps']),
    },
    clusterShards: Number(opts['cluster-shards']),
    /** Worker processes (ESCROWFLOW_WORKERS' forms: combined, per-queue, orders:2,…); unset, the variable's. */
    workers: parseWorkerTopology(opts.workers ?? process.env.ESCROWFLOW_WORKERS),
    /** Only the platform's phases: no baseline runs beside each rate (shorter capacity runs). */
    skipBaselines: opts['skip-baselines'],
    /** The stack's CPU at rest, measured before the first rate (0: not measured). */
    idleSeconds: Number(opts['idle-seconds']),
    /** Issue 25's phases (bench/marketplace.ts); 0 or empty skips one. */
    marketplace: {
      bidsRates: opts['bids-rates']
        .split(',')
        .map(Number)
        .filter((r) => r > 0),
      offersRate: Number(opts['offers-rate']),
      sseClients: Number(opts['sse-clients']),
      sseOutbids: Number(opts['sse-outbids']),
    },
  };
}

export type BenchOptions = ReturnType<typeof parseBenchOptions>;

export const say = (line: string) => console.log(`\x1b[1m[bench]\x1b[0m ${line}`);
export const round2 = (n: number) => Math.round(n * 100) / 100;
export const round3 = (n: number) => Math.round(n * 1000) / 1000;
