/**
 * `npx tsx bench/compare-runs.ts A.json B.json …`: the figures of record (bench/ratios.ts) of several
 * bench files side by side, recomputed from their rate rows, so a file written before the ratios
 * existed compares with one written after. One line per file and rate.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type ClosedLoopFigures, type RateFigures, relativeToEngine } from './ratios.js';

interface BenchFile {
  commit?: string;
  rates: (RateFigures & { peakMiB?: Record<string, number> })[];
  engineClosedLoop?: ClosedLoopFigures;
  memory?: { peakMiB?: Record<string, number> };
}

const rows = process.argv.slice(2).flatMap((path) => {
  const run = JSON.parse(readFileSync(path, 'utf8')) as BenchFile;
  const relative = relativeToEngine(run.rates, run.engineClosedLoop);
  return relative.rates.map((r, i) => ({
    file: basename(path),
    commit: run.commit,
    'engine wf/s': relative.engineSpeed?.workflowsPerSec,
    'bare CPU-s': relative.engineSpeed?.cpuSecondsPerWorkflow,
    rate: r.rate,
    'paid/s': run.rates[i]?.paidPerSec,
    'CPU-s/order': r.cpuSecondsPerOrder,
    'CPU ÷ bare': r.cpuToBareWorkflow,
    'to paid p50 ÷ (a)': r.timeToPaidP50ToEngine,
    'paid/s ÷ (a)': r.paidPerSecToEngine,
    'worker peak MiB': run.memory?.peakMiB?.worker,
  }));
});
console.table(rows);
