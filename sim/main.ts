/**
 * npm run simulate -- [--seeds N] [--from S] [--seed S] [--batch K] [--chunk C]
 * Runs seeds S..S+N-1 (default 1..200), or the one `--seed`, and prints every failing seed's schedule,
 * the faults that fired and what broke. Exits 1 when any invariant broke or a chunk never finished.
 *
 * More than `--chunk` seeds (default 400) run as chunks, each in a fresh process with its own test
 * server (sim/chunks.ts): one process running thousands of seeds has crashed inside the SDK (a
 * `RuntimeError: unreachable` in its source-map WASM after ~750 seeds), which is not the code under test.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runInChunks } from './chunks.js';
import { describePlan, planFor } from './schedule.js';
import { simulate } from './simulate.js';
import { type ChunkReport, readBundle, summarize } from './summary.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '200' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    batch: { type: 'string', default: '16' },
    chunk: { type: 'string', default: '400' },
    // Set by the chunk runner for its child processes.
    report: { type: 'string' },
    bundle: { type: 'string' },
  },
});
const seeds = values.seed
  ? [Number(values.seed)]
  : Array.from({ length: Number(values.seeds) }, (_, i) => Number(values.from) + i);
const chunk = Number(values.chunk);

if (seeds.length > chunk && !values.report) {
  const { reports, crashed, elapsedMs } = await runInChunks(seeds, chunk, Number(values.batch));
  const ok = summarize(
    reports.flatMap((r) => r.results),
    elapsedMs,
    crashed,
  );
  process.exit(ok ? 0 : 1);
}

let done = 0;
const sim = await simulate({
  seeds,
  batch: Number(values.batch),
  workflowBundle: values.bundle ? readBundle(values.bundle) : undefined,
  onBatch: (results, fired) => {
    done += results.length;
    // Printed as found: a failing seed's schedule, the faults that fired, and what broke.
    for (const r of results.filter((r) => r.violations.length)) {
      console.log(`\n${describePlan(planFor(r.seed))}`);
      const faults = fired.get(r.orderId);
      if (faults?.length) console.log(`  faults fired: ${faults.join(', ')}`);
      console.log(`  order ${r.orderId} ended ${r.status}; violations:`);
      for (const v of r.violations) console.log(`  - ${v}`);
    }
    const broken = results.filter((r) => r.violations.length).map((r) => r.seed);
    console.log(
      `[simulate] ${done}/${seeds.length} seeds${broken.length ? `, violations in ${broken.join(', ')}` : ''}`,
    );
  },
});

if (values.report) {
  const report: ChunkReport = { results: sim.results, elapsedMs: sim.elapsedMs };
  writeFileSync(values.report, JSON.stringify(report));
  process.exit(0);
}
process.exit(summarize(sim.results, sim.elapsedMs, []) ? 0 : 1);
