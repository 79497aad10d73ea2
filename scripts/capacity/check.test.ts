import { describe, expect, it } from 'vitest';
import { checkLines, checkRows } from './check.js';
import type { Figures, TargetReport } from './inputs.js';

const calibration: Figures = {
  source: {
    target: 'cluster',
    date: 'd',
    commit: 'c',
    machine: '2 cores',
    temporal: 't',
    workers: 'per-queue',
    rate: 3,
    paidPerSec: 3,
    keptUp: true,
    otherProcessesCores: 0,
  },
  // 0.2 CPU-s per order in all (worker:orders is part of worker), 0.1 cores at rest.
  cpuPerOrder: {
    temporal: 0.05,
    worker: 0.07,
    'worker:orders': 0.06,
    api: 0.02,
    postgres: 0.04,
    bench: 0.02,
  },
  idleCores: { temporal: 0.05, bench: 0.05 },
  memoryMiB: {},
  memoryBasis: 'rate window',
  stateTransitionsUntilPaid: 11,
  missing: [],
};

const run = (rates: TargetReport['rates']): TargetReport => ({
  target: 'cluster',
  date: 'd2',
  commit: 'c2',
  machine: { cores: 2 },
  versions: {},
  settings: {},
  rates,
  stateTransitions: { purchaseWorkflow: 11 },
  memory: { peakMiB: {} },
});

const row = (rate: number, measured: number, others: number, untilIdle?: number) => ({
  rate,
  paidPerSec: measured - 0.2,
  paidPerSecFromWarmup: measured,
  otherProcessesCores: others,
  ...(untilIdle !== undefined && {
    otherProcessesCoresUntilIdle: untilIdle,
    machineBusyCoresUntilIdle: 1.98,
  }),
  cpuSecondsPerOrderUntilIdle: {},
});

describe('the capacity model against a measured run', () => {
  it('predicts each offered rate from the calibration: all of it below the ceiling, the ceiling above', () => {
    const rows = checkRows(calibration, run([row(4, 4, 0, 0), row(12, 9, 0.1, 0.2)]), 2);
    // Quiet: (2 − 0.1) / 0.2 = 9.5; with 0.2 cores taken by other work: 8.5.
    expect(rows[0]).toMatchObject({ offered: 4, predictedQuiet: 4, predicted: 4, measured: 4, error: 0 });
    expect(rows[1]).toMatchObject({ offered: 12, otherCores: 0.2, machineBusyCores: 1.98, measured: 9 });
    expect(rows[1]!.predictedQuiet).toBeCloseTo(9.5);
    expect(rows[1]!.predicted).toBeCloseTo(8.5);
    expect(rows[1]!.error).toBeCloseTo(8.5 / 9 - 1);
  });

  it('falls back to the measured phase’s other work and paid/s in an older file', () => {
    const [only] = checkRows(calibration, run([{ ...row(12, 9, 0.4), paidPerSecFromWarmup: undefined }]), 2);
    expect(only).toMatchObject({ otherCores: 0.4, measured: 8.8 });
    expect(only!.machineBusyCores).toBeUndefined();
  });

  it('prints a table of whole rows with the error signed in percent', () => {
    const lines = checkLines('x.json', run([]), checkRows(calibration, run([row(12, 9, 0.1, 0.2)]), 2));
    const table = lines.filter((l) => l.startsWith('|'));
    for (const r of table) expect(r.split('|')).toHaveLength(9);
    expect(table[2]).toBe('| 12 | 0.2 | 1.98 | 9.5 | 8.5 | 9 | -6% |');
  });
});
