/**
 * npm run simulate -- [--seeds N] [--from S] [--seed S] [--batch K]
 * Runs seeds S..S+N-1 (default 1..200), or the one `--seed`, and prints every failing seed's schedule,
 * the faults that fired and what broke. Exits 1 when any invariant broke.
 */
import { parseArgs } from 'node:util';
import { describePlan, planFor } from './schedule.js';
import { simulate } from './simulate.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '200' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    batch: { type: 'string', default: '16' },
  },
});
const seeds = values.seed
  ? [Number(values.seed)]
  : Array.from({ length: Number(values.seeds) }, (_, i) => Number(values.from) + i);

let done = 0;
const sim = await simulate({
  seeds,
  batch: Number(values.batch),
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

const failing = sim.results.filter((r) => r.violations.length);
const perMinute = (sim.results.length / sim.elapsedMs) * 60_000;
const statuses = new Map<string, number>();
for (const r of sim.results) statuses.set(r.status ?? '?', (statuses.get(r.status ?? '?') ?? 0) + 1);
console.log(`\n[simulate] outcomes: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`);
console.log(
  `[simulate] ${sim.results.length} runs, ${failing.length} with violations${failing.length ? ` (seeds ${failing.map((r) => r.seed).join(', ')})` : ''}, ${perMinute.toFixed(0)} runs/min`,
);
process.exit(failing.length ? 1 : 0);
