/** What a simulation run prints at its end, and what a chunk's process hands back to the runner. */
import { readFileSync } from 'node:fs';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { SeedResult } from './batch.js';

export interface ChunkReport {
  results: SeedResult[];
  elapsedMs: number;
}

export const readBundle = (path: string): WorkflowBundleWithSourceMap =>
  JSON.parse(readFileSync(path, 'utf8')) as WorkflowBundleWithSourceMap;

/** Prints the outcomes and the one-line result; true when every seed ran and none broke an invariant. */
export function summarize(results: SeedResult[], elapsedMs: number, notRun: number[]): boolean {
  const failing = results.filter((r) => r.violations.length);
  const perMinute = (results.length / elapsedMs) * 60_000;
  const statuses = new Map<string, number>();
  for (const r of results) statuses.set(r.status ?? '?', (statuses.get(r.status ?? '?') ?? 0) + 1);
  console.log(`\n[simulate] outcomes: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  if (notRun.length) console.log(`[simulate] ${notRun.length} seeds never finished: ${notRun.join(', ')}`);
  console.log(
    `[simulate] ${results.length} runs, ${failing.length} with violations${failing.length ? ` (seeds ${failing.map((r) => r.seed).join(', ')})` : ''}, ${perMinute.toFixed(0)} runs/min`,
  );
  return failing.length === 0 && notRun.length === 0;
}
