/** `npm run capacity`'s command line: the bench file, the target rate and any assumption overridden. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../stack/paths.js';
import { type Assumptions, defaultAssumptions } from './model.js';

export const USAGE = `npm run capacity -- --rate 50 [--from bench/latest.json] [--target cluster|dev] [--at-rate 10]
  [--utilization 0.6] [--cores-per-node 8] [--memory-per-node-gib 32] [--min-replicas 2]
  [--persistence-ms 10] [--orders-per-day N] [--temporal-split history=0.6,frontend=0.25,matching=0.15]
  [--machine-cores 2 [--offered 5,12] [--other-cores 0] [--check bench/capacity-check.json]] [--json]`;

export interface CapacityArgs {
  file: string;
  target?: 'dev' | 'cluster';
  /** The bench rate row to take per-order figures from (default: the highest the stack kept up with). */
  atRate?: number;
  assumptions: Assumptions;
  /** A rate was given: print the plan (without, only the one-machine check). */
  sizing: boolean;
  /** What was set on the command line, so the printout tells a default from a choice. */
  overridden: string[];
  /** The one-machine check: its cores, the offered rates to predict, the cores other work takes. */
  machine?: { cores: number; offered: number[]; otherCores: number; check?: string };
  json: boolean;
}

const positive = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: a positive number, not "${text}"`);
  return n;
};

/** `history=0.6,frontend=0.25,matching=0.15` → the split; the shares must add up to 1. */
export function parseSplit(text: string): Assumptions['temporalSplit'] {
  const parts = Object.fromEntries(
    text.split(',').map((part) => {
      const [name, value] = part.split('=').map((x) => x.trim());
      return [name, Number(value)];
    }),
  );
  const split = { history: parts.history, frontend: parts.frontend, matching: parts.matching };
  const values = Object.values(split);
  if (values.some((v) => v === undefined || !Number.isFinite(v) || v < 0))
    throw new Error(`--temporal-split: history=…,frontend=…,matching=…, not "${text}"`);
  const sum = values.reduce((a, b) => a! + b!, 0)!;
  if (Math.abs(sum - 1) > 0.01) throw new Error(`--temporal-split: the shares add up to ${sum}, not 1`);
  return split as Assumptions['temporalSplit'];
}

export function parseCapacityArgs(args: string[]): CapacityArgs {
  const { values: v } = parseArgs({
    args,
    options: {
      rate: { type: 'string' },
      from: { type: 'string' },
      target: { type: 'string' },
      'at-rate': { type: 'string' },
      utilization: { type: 'string' },
      'cores-per-node': { type: 'string' },
      'memory-per-node-gib': { type: 'string' },
      'min-replicas': { type: 'string' },
      'persistence-ms': { type: 'string' },
      'orders-per-day': { type: 'string' },
      'temporal-split': { type: 'string' },
      'machine-cores': { type: 'string' },
      offered: { type: 'string' },
      'other-cores': { type: 'string' },
      check: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!v.rate && !v['machine-cores']) throw new Error(`--rate is required (or --machine-cores)\n${USAGE}`);
  const rate = v.rate ? positive('rate', v.rate) : 1;
  const a = defaultAssumptions(rate);
  const overridden: string[] = [];
  const set = <K extends keyof Assumptions>(key: K, value: Assumptions[K] | undefined) => {
    if (value === undefined) return;
    a[key] = value;
    overridden.push(key);
  };
  if (v.utilization !== undefined) {
    const u = positive('utilization', v.utilization);
    if (u > 1) throw new Error('--utilization: a fraction of 1, e.g. 0.6');
    set('utilization', u);
  }
  set('coresPerNode', v['cores-per-node'] ? positive('cores-per-node', v['cores-per-node']) : undefined);
  set(
    'memoryPerNodeGiB',
    v['memory-per-node-gib'] ? positive('memory-per-node-gib', v['memory-per-node-gib']) : undefined,
  );
  set('minReplicas', v['min-replicas'] ? Math.round(positive('min-replicas', v['min-replicas'])) : undefined);
  set(
    'persistenceWriteMs',
    v['persistence-ms'] ? positive('persistence-ms', v['persistence-ms']) : undefined,
  );
  set('ordersPerDay', v['orders-per-day'] ? positive('orders-per-day', v['orders-per-day']) : undefined);
  set('temporalSplit', v['temporal-split'] ? parseSplit(v['temporal-split']) : undefined);
  if (v.check && !v['machine-cores'])
    throw new Error('--check needs --machine-cores (the machine it ran on)');
  if (v.target !== undefined && v.target !== 'dev' && v.target !== 'cluster')
    throw new Error(`--target: dev or cluster, not "${v.target}"`);
  return {
    file: v.from ?? join(repoRoot, 'bench', 'latest.json'),
    ...(v.target && { target: v.target as 'dev' | 'cluster' }),
    ...(v['at-rate'] && { atRate: positive('at-rate', v['at-rate']) }),
    assumptions: a,
    sizing: v.rate !== undefined,
    overridden,
    ...(v['machine-cores'] && {
      machine: {
        cores: positive('machine-cores', v['machine-cores']),
        offered: v.offered ? v.offered.split(',').map((x) => positive('offered', x)) : [],
        otherCores: v['other-cores'] ? Number(v['other-cores']) : 0,
        ...(v.check && { check: v.check }),
      },
    }),
    json: v.json,
  };
}
