/**
 * The simulator's bounded run in `npm test`: a fixed range of seeds (about a minute here), every
 * invariant checked for every order (sim/invariants.ts). `npm run simulate -- --seeds N` runs more;
 * a failing seed replays alone with `npm run simulate -- --seed S`. The regression seeds are the ones
 * that found the bugs of issue 23 on the code before their fixes.
 */
import { describe, expect, inject, it } from 'vitest';
import { describePlan, planFor } from '../../sim/schedule.js';
import { simulate } from '../../sim/simulate.js';

/** Seeds that broke an invariant before a fix (docs: README "Simulation"). */
const REGRESSION_SEEDS: number[] = [];
const SEEDS = [...REGRESSION_SEEDS, ...Array.from({ length: 64 }, (_, i) => 1 + i)];

describe('simulation', () => {
  it(`${SEEDS.length} seeded schedules: every order final, its money consistent, every update answered, no workflow failed`, async () => {
    const sim = await simulate({ seeds: SEEDS, batch: 16, workflowBundle: inject('workflowBundle') });
    const broken = sim.results
      .filter((r) => r.violations.length)
      .map((r) => `${describePlan(planFor(r.seed))}\n  ${r.violations.join('\n  ')}`);
    expect(broken).toEqual([]);
    expect(sim.results).toHaveLength(new Set(SEEDS).size);
  }, 600_000);
});
