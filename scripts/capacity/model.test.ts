import { describe, expect, it } from 'vitest';
import type { Figures } from './inputs.js';
import {
  coresAt,
  defaultAssumptions,
  historyShards,
  machineCeiling,
  nextPowerOfTwo,
  plan,
  predictedPaidPerSec,
  relativeError,
} from './model.js';

/** A cluster run measured with workers per queue and the stack's cores at rest. */
function clusterFigures(over: Partial<Figures> = {}): Figures {
  return {
    source: {
      target: 'cluster',
      date: '2026-12-06T10:00:00Z',
      commit: 'abc1234',
      machine: '2 cores',
      temporal: 'server 1.29.1',
      workers: 'per-queue',
      historyShards: 4,
      rate: 5,
      paidPerSec: 5,
      keptUp: true,
      otherProcessesCores: 0,
    },
    cpuPerOrder: {
      temporal: 0.1,
      worker: 0.06,
      'worker:orders': 0.05,
      'worker:notifications': 0.01,
      'worker:payments': 0,
      'worker:ledger': 0,
      'worker:carriers': 0,
      api: 0.02,
      postgres: 0.08,
      postgresForTemporal: 0.06,
      sandbox: 0.004,
      redis: 0.001,
      bench: 0.015,
    },
    idleCores: { temporal: 0.05, worker: 0.02, 'worker:orders': 0.01, api: 0.005, postgres: 0.01 },
    memoryMiB: { temporal: 400, 'worker:orders': 300, 'worker:notifications': 150, api: 200, postgres: 250 },
    memoryBasis: 'rate window',
    stateTransitionsUntilPaid: 11,
    storage: {
      orders: 100,
      appBytes: 6000,
      appRows: 12,
      byTable: { orders: { rows: 1, bytes: 1200 } },
      temporal: { bytes: 20_000, historyNodeRows: 8, executionRows: 1 },
    },
    missing: [],
    ...over,
  };
}

describe('capacity model', () => {
  it('counts a role’s cores as its cores at rest plus its CPU per order times the rate', () => {
    const f = clusterFigures();
    expect(coresAt(f, 'temporal', 50)).toBeCloseTo(0.05 + 0.1 * 50);
    expect(coresAt(f, 'worker:payments', 50)).toBe(0);
    expect(coresAt(clusterFigures({ idleCores: undefined }), 'temporal', 50)).toBeCloseTo(5);
  });

  it('sizes each worker queue from its own CPU per order, at the target utilization, with a floor of replicas', () => {
    const p = plan(clusterFigures(), defaultAssumptions(50));
    const orders = p.kinds.find((k) => k.kind === 'worker (orders)')!;
    // 0.01 + 0.05 × 50 = 2.51 cores busy, 4.18 at 60%, so 5 one-core processes.
    expect(orders.cores).toBeCloseTo(2.51);
    expect(orders.provisioned).toBeCloseTo(2.51 / 0.6);
    expect(orders.replicas).toBe(5);
    expect(orders.basis).toBe('measured');
    expect(orders.memoryPerReplicaMiB).toBe(300);
    const carriers = p.kinds.find((k) => k.kind === 'worker (carriers)')!;
    expect(carriers.replicas).toBe(2);
    expect(p.kinds.map((k) => k.kind)).toEqual([
      'api',
      'worker (orders)',
      'worker (payments)',
      'worker (ledger)',
      'worker (notifications)',
      'worker (carriers)',
      'temporal history',
      'temporal frontend',
      'temporal matching',
    ]);
  });

  it('counts a combined worker’s whole CPU on the orders queue and says it is extrapolated', () => {
    const f = clusterFigures({ source: { ...clusterFigures().source, workers: 'combined' } });
    const orders = plan(f, defaultAssumptions(50)).kinds.find((k) => k.kind === 'worker (orders)')!;
    expect(orders.cores).toBeCloseTo(0.02 + 0.06 * 50);
    expect(orders.basis).toBe('extrapolated');
  });

  it('splits the Temporal server’s cores by the assumed shares; history has a host per 500 shards at least', () => {
    const a = { ...defaultAssumptions(50), minShards: 2048 };
    const p = plan(clusterFigures(), a);
    const cores = (name: string) => p.kinds.find((k) => k.kind === `temporal ${name}`)!;
    expect(cores('history').cores + cores('frontend').cores + cores('matching').cores).toBeCloseTo(5.05);
    expect(cores('history').cores).toBeCloseTo(5.05 * 0.6);
    // 3.03 cores busy → 5.05 at 60% → 3 replicas of 2 cores; 2048 shards want 5 hosts.
    expect(cores('history').replicas).toBe(5);
    expect(cores('matching').replicas).toBe(2);
  });

  it('sizes history shards from the persistence writes of the peak, with headroom and Temporal’s floor', () => {
    const f = clusterFigures();
    const small = historyShards(f, defaultAssumptions(50));
    // 50 × 11 × 2 = 1,100 writes/s; a shard does 0.6 × 1000 / 10 = 60 → 19 shards.
    expect(small.writesPerSec).toBe(1100);
    expect(small.forThroughput).toBe(19);
    expect(small.recommended).toBe(512);
    expect(small.historyHosts).toBe(2);
    const big = historyShards(f, defaultAssumptions(2000));
    // 44,000 writes/s → 734 shards → × 4 = 2,936 → 4,096.
    expect(big.forThroughput).toBe(734);
    expect(big.recommended).toBe(4096);
    expect(big.historyHosts).toBe(9);
    expect(nextPowerOfTwo(513)).toBe(1024);
    expect(nextPowerOfTwo(512)).toBe(512);
  });

  it('sizes PostgreSQL: the app’s and Temporal’s cores, connections of every pool, storage a day and a year', () => {
    const a = { ...defaultAssumptions(50), ordersPerDay: 1_000_000 };
    const p = plan(clusterFigures(), a);
    expect(p.postgres.temporalCores).toBeCloseTo(0.06 * 50);
    expect(p.postgres.appCores).toBeCloseTo(0.01 + 0.08 * 50 - 0.06 * 50);
    expect(p.postgres.provisionedCores).toBe(Math.ceil((0.01 + 4) / 0.6));
    const appProcesses = p.kinds
      .filter((k) => k.kind === 'api' || k.kind.startsWith('worker'))
      .reduce((n, k) => n + k.replicas, 0);
    const temporalReplicas = p.kinds
      .filter((k) => k.kind.startsWith('temporal'))
      .reduce((n, k) => n + k.replicas, 0);
    expect(p.postgres.connections).toBe(appProcesses * 10 + temporalReplicas * 30);
    expect(p.postgres.storage?.gibPerDay).toBeCloseTo((6000 * 1e6) / 2 ** 30);
    expect(p.postgres.storage?.gibPerYear).toBeCloseTo((6000 * 1e6 * 365) / 2 ** 30);
    expect(p.postgres.storage?.temporalGiB).toBeCloseTo((20_000 * 1e6 * 27) / 2 ** 30);
  });

  it('leaves Temporal’s persistence out of PostgreSQL for a dev-server run (SQLite inside the server)', () => {
    const f = clusterFigures({ source: { ...clusterFigures().source, target: 'dev' } });
    const p = plan(f, defaultAssumptions(50));
    expect(p.postgres.temporalCores).toBeUndefined();
    expect(p.postgres.appCores).toBeCloseTo(0.01 + 0.08 * 50);
  });

  it('counts nodes by cores or by memory, whichever needs more', () => {
    const f = clusterFigures();
    const byCores = plan(f, defaultAssumptions(50));
    expect(byCores.nodes.count).toBe(Math.ceil(byCores.nodes.cores / 8));
    const byMemory = plan(f, { ...defaultAssumptions(50), memoryPerNodeGiB: 1 });
    expect(byMemory.nodes.count).toBe(Math.ceil(byMemory.nodes.memoryGiB));
  });

  it('puts one machine’s ceiling at the cores left after rest and other work over the CPU of an order', () => {
    const f = clusterFigures();
    const m = machineCeiling(f, 2, 0.2);
    // Parts (worker:*, postgresForTemporal) are inside their totals and count once.
    const perOrder = 0.1 + 0.06 + 0.02 + 0.08 + 0.004 + 0.001 + 0.015;
    const idle = 0.05 + 0.02 + 0.005 + 0.01;
    expect(m.perOrder).toBeCloseTo(perOrder);
    expect(m.idleCores).toBeCloseTo(idle);
    expect(m.ceiling).toBeCloseTo((2 - 0.2 - idle) / perOrder);
    expect(predictedPaidPerSec(3, m.ceiling)).toBe(3);
    expect(predictedPaidPerSec(20, m.ceiling)).toBeCloseTo(m.ceiling);
    expect(relativeError(5.5, 5)).toBeCloseTo(0.1);
  });
});
