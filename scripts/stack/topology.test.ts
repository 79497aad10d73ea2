import { describe, expect, it } from 'vitest';
import { apiPlan, describeTopology, parseApiReplicas, parseWorkerTopology, workerPlan } from './topology.js';

describe('stack topology', () => {
  it('is combined by default: one worker for every queue, one API', () => {
    for (const text of [undefined, '', ' combined ']) expect(parseWorkerTopology(text)).toBe('combined');
    expect(workerPlan('combined')).toEqual([
      { name: 'worker', queues: ['orders', 'payments', 'ledger', 'notifications', 'carriers'] },
    ]);
    expect(parseApiReplicas(undefined)).toBe(1);
    expect(apiPlan(1)).toEqual(['api']);
  });

  it('scales each queue by count; queues not named get one process', () => {
    const topology = parseWorkerTopology('orders:2,payments:2');
    expect(topology).toEqual({ orders: 2, payments: 2 });
    expect(workerPlan(topology).map((w) => [w.name, w.queues.join()])).toEqual([
      ['worker-orders-1', 'orders'],
      ['worker-orders-2', 'orders'],
      ['worker-payments-1', 'payments'],
      ['worker-payments-2', 'payments'],
      ['worker-ledger-1', 'ledger'],
      ['worker-notifications-1', 'notifications'],
      ['worker-carriers-1', 'carriers'],
    ]);
    expect(workerPlan(parseWorkerTopology('per-queue')).map((w) => w.name)).toEqual([
      'worker-orders-1',
      'worker-payments-1',
      'worker-ledger-1',
      'worker-notifications-1',
      'worker-carriers-1',
    ]);
    expect(describeTopology(topology, 2)).toBe(
      'workers orders:2,payments:2,ledger:1,notifications:1,carriers:1; api replicas 2',
    );
    expect(apiPlan(2)).toEqual(['api-1', 'api-2']);
  });

  it('refuses what it cannot run, naming the setting', () => {
    expect(() => parseWorkerTopology('orders:2,shipping:1')).toThrow(/ESCROWFLOW_WORKERS: "shipping:1"/);
    expect(() => parseWorkerTopology('orders:0')).toThrow(
      'ESCROWFLOW_WORKERS: orders needs 1 to 8 processes, not 0',
    );
    expect(() => parseWorkerTopology('orders')).toThrow(/is not <queue>:<count>/);
    expect(() => parseWorkerTopology('orders:1,orders:2')).toThrow('ESCROWFLOW_WORKERS: orders named twice');
    expect(() => parseApiReplicas('0')).toThrow('ESCROWFLOW_API_REPLICAS: 1 to 8, not "0"');
    expect(() => parseApiReplicas('two')).toThrow(/ESCROWFLOW_API_REPLICAS/);
  });
});
