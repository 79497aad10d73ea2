import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/paths.js';
import { figuresOf, pickRate, pickTarget, type TargetReport } from './inputs.js';

/** A target report as bench/target.ts writes it (the fields the model reads, and a few it does not). */
function report(target: 'dev' | 'cluster', rates: Array<[number, number]>, withNew = true) {
  return {
    target,
    date: '2026-12-06T10:00:00Z',
    commit: 'abc1234',
    machine: { cores: 2, cpu: 'AMD EPYC', node: 'v20' },
    versions: { temporal: 'server 1.29.1' },
    ...(withNew && { topology: { workers: { orders: 1 }, apiReplicas: 1 } }),
    settings: { rates: rates.map(([r]) => r), ...(target === 'cluster' && { historyShards: 4 }) },
    ...(withNew && { idleCores: { temporal: 0.05, worker: 0.02 } }),
    rates: rates.map(([rate, paidPerSec]) => ({
      rate,
      paidPerSec,
      otherProcessesCores: 0.1,
      cpuSecondsPerOrderUntilIdle: { temporal: 0.12, worker: 0.07, api: 0.02 },
      ...(withNew && {
        cpuSecondsPerOrderNet: { temporal: 0.1, worker: 0.06, api: 0.02 },
        peakMiB: { worker: 300, api: 200 },
        storagePerOrder: { orders: 100, appBytes: 6000, appRows: 12, byTable: {} },
      }),
    })),
    stateTransitions: { purchaseWorkflow: 11, engineBaselineWorkflow: 19, sampled: 20 },
    memory: { peakMiB: { worker: 560, api: 322 } },
  };
}

describe('capacity inputs', () => {
  it('reads the bench file of record (bench/latest.json), whatever version of the bench wrote it', () => {
    const file = JSON.parse(readFileSync(join(repoRoot, 'bench', 'latest.json'), 'utf8'));
    const target = pickTarget(file);
    const f = figuresOf(target);
    expect(target.rates.map((r) => r.rate)).toContain(f.source.rate);
    for (const role of ['temporal', 'worker', 'api', 'postgres'])
      expect(f.cpuPerOrder[role]).toBeGreaterThan(0);
    expect(f.stateTransitionsUntilPaid).toBeGreaterThan(0);
    expect(f.memoryMiB.worker ?? f.memoryMiB['worker:orders']).toBeGreaterThan(0);
  });

  it('takes the cluster run when the file has one, the dev run when asked or when alone', () => {
    const both = { ...report('dev', [[5, 5]]), cluster: report('cluster', [[5, 4.9]]) };
    expect(pickTarget(both).target).toBe('cluster');
    expect(pickTarget(both, 'dev').target).toBe('dev');
    expect(pickTarget(report('dev', [[5, 5]])).target).toBe('dev');
    // A cluster-only run keeps the date and machine at the top and its report under `cluster`.
    const clusterOnly = {
      date: 'x',
      machine: {},
      targets: ['cluster'],
      cluster: report('cluster', [[5, 5]]),
    };
    expect(pickTarget(clusterOnly).target).toBe('cluster');
    expect(() => pickTarget(clusterOnly, 'dev')).toThrow(/no dev run/);
    expect(() => pickTarget(report('dev', [[5, 5]]), 'cluster')).toThrow(/no cluster run/);
  });

  it('takes the highest rate the stack kept up with, a rate asked for, or the lowest when none kept up', () => {
    const r = pickTarget(
      report('dev', [
        [5, 5],
        [10, 9.5],
        [20, 12],
      ]),
    );
    expect(pickRate(r).row.rate).toBe(10);
    expect(pickRate(r, 20)).toMatchObject({ keptUp: false, row: { rate: 20 } });
    expect(() => pickRate(r, 7)).toThrow(/no rate 7/);
    const saturated = pickTarget(
      report('dev', [
        [20, 9],
        [10, 8],
      ]),
    );
    expect(pickRate(saturated)).toMatchObject({ keptUp: false, row: { rate: 10 } });
  });

  it('uses CPU net of the cores at rest, the rate window’s memory and storage when the file has them', () => {
    const f = figuresOf(pickTarget(report('cluster', [[5, 5]])));
    expect(f.cpuPerOrder).toEqual({ temporal: 0.1, worker: 0.06, api: 0.02 });
    expect(f.idleCores).toEqual({ temporal: 0.05, worker: 0.02 });
    expect(f.memoryMiB).toEqual({ worker: 300, api: 200 });
    expect(f.memoryBasis).toBe('rate window');
    expect(f.storage?.appBytes).toBe(6000);
    expect(f.source).toMatchObject({
      workers: 'per-queue',
      historyShards: 4,
      keptUp: true,
      commit: 'abc1234',
    });
    expect(f.missing).toEqual([]);
  });

  it('falls back to CPU until idle and the whole run’s memory in an older file, and says what it lacks', () => {
    const old: TargetReport = pickTarget(report('dev', [[5, 5]], false));
    const f = figuresOf(old);
    expect(f.cpuPerOrder).toEqual({ temporal: 0.12, worker: 0.07, api: 0.02 });
    expect(f.idleCores).toBeUndefined();
    expect(f.memoryMiB).toEqual({ worker: 560, api: 322 });
    expect(f.source.workers).toBe('combined');
    expect(f.missing.join('\n')).toMatch(
      /cores at rest[\s\S]*memory per rate[\s\S]*storage[\s\S]*per task queue/,
    );
  });

  it('refuses a file that is not a bench report, naming the field', () => {
    expect(() => pickTarget({ target: 'dev', date: 'x' })).toThrow(/machine|rates/);
  });
});
