import { describe, expect, it } from 'vitest';
import { parseCapacityArgs, parseSplit } from './args.js';
import type { Figures } from './inputs.js';
import { defaultAssumptions, plan } from './model.js';
import { machineLines, planLines } from './print.js';

describe('npm run capacity: command line', () => {
  it('takes the rate and the defaults, and tells what was set apart from what was assumed', () => {
    const args = parseCapacityArgs(['--rate', '50']);
    expect(args.assumptions).toEqual(defaultAssumptions(50));
    expect(args.overridden).toEqual([]);
    expect(args.file).toMatch(/bench\/latest\.json$/);
    const set = parseCapacityArgs([
      '--rate',
      '50',
      '--utilization',
      '0.7',
      '--cores-per-node',
      '16',
      '--persistence-ms',
      '4',
      '--temporal-split',
      'history=0.5,frontend=0.3,matching=0.2',
      '--from',
      '/tmp/x.json',
      '--target',
      'cluster',
      '--at-rate',
      '10',
    ]);
    expect(set.assumptions).toMatchObject({
      utilization: 0.7,
      coresPerNode: 16,
      persistenceWriteMs: 4,
      temporalSplit: { history: 0.5, frontend: 0.3, matching: 0.2 },
    });
    expect(set.overridden).toEqual(['utilization', 'coresPerNode', 'persistenceWriteMs', 'temporalSplit']);
    expect(set).toMatchObject({ file: '/tmp/x.json', target: 'cluster', atRate: 10 });
  });

  it('takes the one-machine check with its offered rates', () => {
    const args = parseCapacityArgs(['--machine-cores', '2', '--offered', '5,12', '--other-cores', '0.3']);
    expect(args.machine).toEqual({ cores: 2, offered: [5, 12], otherCores: 0.3 });
    expect(args.sizing).toBe(false);
    expect(parseCapacityArgs(['--rate', '50']).sizing).toBe(true);
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => parseCapacityArgs([])).toThrow(/--rate is required/);
    expect(() => parseCapacityArgs(['--rate=-3'])).toThrow(/--rate: a positive number/);
    expect(() => parseCapacityArgs(['--rate', '5', '--utilization', '60'])).toThrow(/fraction/);
    expect(() => parseCapacityArgs(['--rate', '5', '--target', 'prod'])).toThrow(/dev or cluster/);
    expect(() => parseSplit('history=0.5,frontend=0.3')).toThrow(/history=…/);
    expect(() => parseSplit('history=0.5,frontend=0.3,matching=0.3')).toThrow(/add up to 1.1/);
  });
});

describe('npm run capacity: printout', () => {
  const figures: Figures = {
    source: {
      target: 'cluster',
      date: 'd',
      commit: 'c',
      machine: '2 cores',
      temporal: 't',
      workers: 'combined',
      rate: 5,
      paidPerSec: 5,
      keptUp: true,
      otherProcessesCores: 0,
    },
    cpuPerOrder: { temporal: 0.1, worker: 0.06, api: 0.02, postgres: 0.08, postgresForTemporal: 0.06 },
    memoryMiB: { temporal: 400, worker: 500, api: 200 },
    memoryBasis: 'whole run',
    stateTransitionsUntilPaid: 11,
    missing: [],
  };

  it('prints every process kind in a table of whole rows, each with its basis, and the assumptions', () => {
    const lines = planLines(figures, plan(figures, defaultAssumptions(50)), []);
    const table = lines.filter((l) => l.startsWith('|'));
    expect(table).toHaveLength(2 + 9);
    for (const row of table) expect(row.split('|')).toHaveLength(9);
    expect(lines.join('\n')).toMatch(/\| worker \(orders\) \| 3 \| 5 \| 5 × 1 \| 500 \| extrapolated \|/);
    expect(lines.join('\n')).toMatch(/create 512 .*history on ≥ 2 host/);
    expect(lines.join('\n')).toMatch(/storage: not measured/);
    expect(lines.join('\n')).toMatch(/Assumed: utilization 0\.6/);
  });

  it('prints the one machine’s ceiling and the paid/s it predicts at each offered rate', () => {
    const lines = machineLines(figures, 2, [5, 20], 0);
    // 0.26 CPU-s per order (parts counted once), nothing at rest: 2 / 0.26 = 7.69.
    expect(lines[0]).toMatch(/0\.26 CPU-s per paid order.*ceiling 7\.69 paid\/s/);
    expect(lines.slice(1)).toEqual([
      '  offered 5/s → predicted 5 paid/s',
      '  offered 20/s → predicted 7.69 paid/s',
    ]);
  });
});
