/**
 * The simulation: seeds in batches on one time-skipping test server, the real workflow code on
 * workers registering the kit's in-memory fakes. Every history is replayed at the end of its batch
 * (sim/invariants.ts), as a worker restart or a cache eviction would rebuild the workflow: a replay
 * that takes another path fails the seed.
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Kit } from '../test/kit/index.js';
import { startTestServer, workflowBundleOnce } from '../test/kit/server.js';
import { runBatch, type SeedResult } from './batch.js';
import { OrderFaults } from './order-faults.js';
import { type OrderPlan, planFor } from './schedule.js';

export interface SimulateOptions {
  seeds: number[];
  /** Seeds run at once (default 16). */
  batch?: number;
  workflowBundle?: WorkflowBundleWithSourceMap;
  /** Called after each batch, e.g. to print progress. */
  onBatch?: (results: SeedResult[], fired: Map<string, string[]>) => void;
}

export interface Simulation {
  results: SeedResult[];
  plans: Map<number, OrderPlan>;
  /** Faults that fired, per order id. */
  fired: Map<string, string[]>;
  elapsedMs: number;
}

export async function simulate(options: SimulateOptions): Promise<Simulation> {
  const started = performance.now();
  const size = options.batch ?? 16;
  const plans = new Map(options.seeds.map((seed) => [seed, planFor(seed)]));
  const bundle = await workflowBundleOnce(options.workflowBundle);
  const env = await startTestServer();
  const kit = new Kit(env, {});
  const faults = new OrderFaults(kit);
  const results: SeedResult[] = [];
  try {
    await kit.startWorkers(bundle);
    const all = [...plans.values()];
    for (let i = 0; i < all.length; i += size) {
      faults.install(Object.keys(kit.activities()));
      const done = await runBatch(kit, faults, all.slice(i, i + size), bundle);
      results.push(...done);
      options.onBatch?.(done, faults.fired);
      await kit.reset();
    }
  } finally {
    // A carrier call a workflow abandoned may still be outstanding: 10 s at most for the workers,
    // then the test server goes regardless.
    const stopped = await Promise.race([
      kit.stop().then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 10_000)),
    ]);
    if (!stopped) await env.teardown().catch(() => undefined);
  }
  results.sort((a, b) => a.seed - b.seed);
  return { results, plans, fired: faults.fired, elapsedMs: performance.now() - started };
}
