/**
 * The capacity model (docs/capacity.md): from CPU-seconds, memory and storage per paid order measured
 * by the bench (scripts/capacity/inputs.ts) and a target peak rate, the cores, replicas and memory of
 * each process kind, Temporal's history shards and PostgreSQL's size; and the rate at which one
 * machine running everything saturates (the check of the model against a measurement). Pure code.
 */
import { ALL_TASK_QUEUES } from '../../domain/task-queues.js';
import type { Figures } from './inputs.js';

export type Basis = 'measured' | 'extrapolated' | 'assumed';

export interface Assumptions {
  /** Target peak rate, paid orders a second. */
  rate: number;
  /** CPU a process kind may use on average at the peak, of what it is given. */
  utilization: number;
  coresPerNode: number;
  memoryPerNodeGiB: number;
  /** Cores one API or worker process uses at most (Node: one event loop; the worker's threads add little). */
  coresPerNodeProcess: number;
  /** Cores one Temporal service replica is given (Go uses every core it has). */
  coresPerTemporalReplica: number;
  /** Replicas of every API, worker and Temporal service at least (one may fail or roll). */
  minReplicas: number;
  /** Share of the Temporal server's CPU each service takes (one process here: not measured apart). */
  temporalSplit: { history: number; frontend: number; matching: number };
  /** One persistence write of a history shard, as Temporal's history service waits for it. */
  persistenceWriteMs: number;
  /** The order's whole life (escrow, shipping, release, payout) in state transitions, over those until paid. */
  lifecycleTransitionFactor: number;
  /** Headroom over the shards the peak needs (the count is fixed for the cluster's life). */
  shardGrowth: number;
  /** The fewest shards to create (the Temporal Helm chart's default). */
  minShards: number;
  /** Temporal's guidance: start at one history host per 500 shards. */
  shardsPerHistoryHost: number;
  /** Orders a day, for storage (default: the peak rate a quarter of the day). */
  ordersPerDay: number;
  /** How long an order's workflow stays open (ship-by 3 d + auto-confirm 14 d + dispute window 3 d). */
  workflowDays: number;
  /** Temporal keeps a closed workflow's history this long (the namespace's retention). */
  retentionDays: number;
  /** PostgreSQL connections: each API or worker process's pool, each Temporal service's (default + visibility). */
  appPoolPerProcess: number;
  temporalConnsPerReplica: number;
}

export function defaultAssumptions(rate: number): Assumptions {
  return {
    rate,
    utilization: 0.6,
    coresPerNode: 8,
    memoryPerNodeGiB: 32,
    coresPerNodeProcess: 1,
    coresPerTemporalReplica: 2,
    minReplicas: 2,
    temporalSplit: { history: 0.6, frontend: 0.25, matching: 0.15 },
    persistenceWriteMs: 10,
    lifecycleTransitionFactor: 2,
    shardGrowth: 4,
    minShards: 512,
    shardsPerHistoryHost: 500,
    ordersPerDay: Math.round(rate * 86_400 * 0.25),
    workflowDays: 20,
    retentionDays: 7,
    appPoolPerProcess: 10,
    temporalConnsPerReplica: 30,
  };
}

export interface KindPlan {
  kind: string;
  /** Cores busy at the target rate. */
  cores: number;
  /** Cores to give it: busy cores over the target utilization. */
  provisioned: number;
  replicas: number;
  coresPerReplica: number;
  memoryPerReplicaMiB: number;
  basis: Basis;
  how: string;
}

/** Cores `role` keeps busy at `rate` orders a second: at rest, plus its CPU per order times the rate. */
export function coresAt(f: Figures, role: string, rate: number): number {
  return (f.idleCores?.[role] ?? 0) + (f.cpuPerOrder[role] ?? 0) * rate;
}

const replicasFor = (provisioned: number, perReplica: number, min: number) =>
  Math.max(min, Math.ceil(provisioned / perReplica - 1e-9));

/** One API or worker kind: Node processes of `coresPerNodeProcess` each. */
function nodeKind(
  f: Figures,
  a: Assumptions,
  kind: string,
  role: string,
  memoryRole: string,
  basis: Basis,
  how: string,
): KindPlan {
  const cores = coresAt(f, role, a.rate);
  const provisioned = cores / a.utilization;
  return {
    kind,
    cores,
    provisioned,
    replicas: replicasFor(provisioned, a.coresPerNodeProcess, a.minReplicas),
    coresPerReplica: a.coresPerNodeProcess,
    memoryPerReplicaMiB: f.memoryMiB[memoryRole] ?? 0,
    basis,
    how,
  };
}

/** Workers per task queue: measured per queue, or a combined worker's whole CPU counted on `orders`. */
export function workerKinds(f: Figures, a: Assumptions): KindPlan[] {
  return ALL_TASK_QUEUES.map((queue) => {
    if (f.source.workers === 'per-queue')
      return nodeKind(
        f,
        a,
        `worker (${queue})`,
        `worker:${queue}`,
        `worker:${queue}`,
        'measured',
        'CPU/order × rate',
      );
    const all = queue === 'orders';
    return nodeKind(
      f,
      a,
      `worker (${queue})`,
      all ? 'worker' : `worker:${queue}`,
      'worker',
      'extrapolated',
      all ? 'the combined worker’s whole CPU, counted on orders' : 'not measured apart: min replicas',
    );
  });
}

/** Temporal's services: the server's CPU (one process here) split by the assumed shares. */
export function temporalKinds(f: Figures, a: Assumptions, shards: HistoryShards): KindPlan[] {
  const total = coresAt(f, 'temporal', a.rate);
  const memory = f.memoryMiB.temporal ?? 0;
  return (['history', 'frontend', 'matching'] as const).map((service) => {
    const share = a.temporalSplit[service];
    const cores = total * share;
    const provisioned = cores / a.utilization;
    const byCores = replicasFor(provisioned, a.coresPerTemporalReplica, a.minReplicas);
    return {
      kind: `temporal ${service}`,
      cores,
      provisioned,
      replicas: service === 'history' ? Math.max(byCores, shards.historyHosts) : byCores,
      coresPerReplica: a.coresPerTemporalReplica,
      // One process ran every service here: a replica of one service needs at most what it used.
      memoryPerReplicaMiB: memory,
      basis: 'extrapolated',
      how: `server CPU/order × rate × ${share} (assumed share)`,
    };
  });
}

export interface HistoryShards {
  /** Persistence writes a second at the peak (each state transition is one). */
  writesPerSec: number;
  /** Shards the peak needs, one write in flight each, at the target utilization. */
  forThroughput: number;
  recommended: number;
  historyHosts: number;
}

export function historyShards(f: Figures, a: Assumptions): HistoryShards {
  const writesPerSec = a.rate * f.stateTransitionsUntilPaid * a.lifecycleTransitionFactor;
  const perShard = (a.utilization * 1000) / a.persistenceWriteMs;
  const forThroughput = Math.max(1, Math.ceil(writesPerSec / perShard));
  const recommended = Math.max(a.minShards, nextPowerOfTwo(forThroughput * a.shardGrowth));
  return {
    writesPerSec,
    forThroughput,
    recommended,
    historyHosts: Math.ceil(recommended / a.shardsPerHistoryHost),
  };
}

export const nextPowerOfTwo = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

export interface PostgresPlan {
  appCores: number;
  /** Temporal's persistence (cluster mode); undefined when the figures come from the dev server. */
  temporalCores?: number;
  provisionedCores: number;
  connections: number;
  memoryMiB: number;
  storage?: {
    bytesPerOrder: number;
    rowsPerOrder: number;
    gibPerDay: number;
    gibPerYear: number;
    /** Temporal's databases: open workflows plus closed ones kept for the retention. */
    temporalBytesPerOrder?: number;
    temporalGiB?: number;
  };
}

const GiB = 2 ** 30;

export function postgresPlan(f: Figures, a: Assumptions, kinds: KindPlan[]): PostgresPlan {
  const all = coresAt(f, 'postgres', a.rate);
  const forTemporal = f.source.target === 'cluster' ? coresAt(f, 'postgresForTemporal', a.rate) : undefined;
  const appCores = all - (forTemporal ?? 0);
  const replicas = (prefix: string) =>
    kinds.filter((k) => k.kind.startsWith(prefix)).reduce((n, k) => n + k.replicas, 0);
  const s = f.storage;
  return {
    appCores,
    ...(forTemporal !== undefined && { temporalCores: forTemporal }),
    provisionedCores: Math.ceil(all / a.utilization),
    connections:
      (replicas('api') + replicas('worker')) * a.appPoolPerProcess +
      replicas('temporal') * a.temporalConnsPerReplica,
    memoryMiB: f.memoryMiB.postgres ?? 0,
    ...(s && {
      storage: {
        bytesPerOrder: s.appBytes,
        rowsPerOrder: s.appRows,
        gibPerDay: (s.appBytes * a.ordersPerDay) / GiB,
        gibPerYear: (s.appBytes * a.ordersPerDay * 365) / GiB,
        ...(s.temporal && {
          temporalBytesPerOrder: s.temporal.bytes,
          temporalGiB: (s.temporal.bytes * a.ordersPerDay * (a.workflowDays + a.retentionDays)) / GiB,
        }),
      },
    }),
  };
}

export interface Plan {
  assumptions: Assumptions;
  kinds: KindPlan[];
  shards: HistoryShards;
  postgres: PostgresPlan;
  redis: { cores: number; memoryMiB: number };
  /** Nodes for the API, workers, Temporal and Redis (PostgreSQL apart, usually a managed service). */
  nodes: { count: number; cores: number; memoryGiB: number };
}

export function plan(f: Figures, a: Assumptions): Plan {
  const shards = historyShards(f, a);
  const api = nodeKind(f, a, 'api', 'api', 'api', 'measured', 'CPU/order × rate');
  const kinds = [api, ...workerKinds(f, a), ...temporalKinds(f, a, shards)];
  const redis = { cores: coresAt(f, 'redis', a.rate), memoryMiB: f.memoryMiB.redis ?? 0 };
  const cores = kinds.reduce((n, k) => n + k.replicas * k.coresPerReplica, 0) + Math.ceil(redis.cores);
  const memoryGiB =
    (kinds.reduce((n, k) => n + k.replicas * k.memoryPerReplicaMiB, 0) + redis.memoryMiB) / 1024;
  return {
    assumptions: a,
    kinds,
    shards,
    postgres: postgresPlan(f, a, kinds),
    redis,
    nodes: {
      count: Math.max(Math.ceil(cores / a.coresPerNode), Math.ceil(memoryGiB / a.memoryPerNodeGiB), 1),
      cores,
      memoryGiB,
    },
  };
}

/** Roles that are parts of another (`worker:orders` of `worker`, `postgresForTemporal` of `postgres`). */
const isPart = (role: string) => role.includes(':') || role === 'postgresForTemporal';

/**
 * The rate at which one machine of `cores` running every process (the load generator and the sandbox
 * provider included, as in the bench) saturates: the cores left after what the stack uses at rest and
 * what `otherCores` of other work take, over the CPU-seconds one paid order costs all processes.
 */
export function machineCeiling(f: Figures, cores: number, otherCores = 0) {
  const roles = Object.keys(f.cpuPerOrder).filter((r) => !isPart(r));
  const perOrder = roles.reduce((n, r) => n + (f.cpuPerOrder[r] ?? 0), 0);
  const idle = roles.reduce((n, r) => n + (f.idleCores?.[r] ?? 0), 0);
  const ceiling = perOrder > 0 ? Math.max(0, cores - otherCores - idle) / perOrder : 0;
  return { ceiling, perOrder, idleCores: idle };
}

/** Paid orders a second the machine serves when `offered` arrive: all of them, up to its ceiling. */
export const predictedPaidPerSec = (offered: number, ceiling: number) => Math.min(offered, ceiling);

/** How far a measurement is from its prediction, as a fraction of the measurement. */
export const relativeError = (predicted: number, measured: number) =>
  measured > 0 ? (predicted - measured) / measured : Number.POSITIVE_INFINITY;
