/**
 * The engine alone at its ceiling, as issue 9 measured it: a bare workflow of `--closed-loop-steps`
 * no-op activities, `--closed-loop-concurrency` callers each starting the next when the last completes.
 */
import type { EngineBaseline } from './baselines.js';
import type { BenchContext } from './context.js';
import { closedLoop, summary } from './load.js';
import { cpuSnapshot, othersCpu, quiesce } from './measure.js';
import { round3, say } from './options.js';

export async function engineAtCapacity(ctx: BenchContext, engine: EngineBaseline, run: string) {
  const { seconds, concurrency, steps } = ctx.opts.closedLoop;
  const warmup = ctx.opts.warmup;
  await quiesce(ctx);
  say(
    `engine alone, closed loop: ${concurrency} callers, ${steps} no-op activities, ${warmup} s + ${seconds} s`,
  );
  const call = (caller: number, i: number, phase: string) =>
    engine.run(`${run}-closed-${phase}-${caller}-${i}`, steps);
  await closedLoop(concurrency, warmup, (c, i) => call(c, i, 'warmup'));
  const cpuBefore = cpuSnapshot(ctx);
  const benchBefore = process.cpuUsage();
  const othersBefore = othersCpu();
  const result = await closedLoop(concurrency, seconds, (c, i) => call(c, i, 'measured'));
  const cpuAfter = cpuSnapshot(ctx);
  const bench = process.cpuUsage(benchBefore);
  const perWorkflow = (s: number) => round3(s / Math.max(1, result.completed));
  return {
    steps,
    concurrency,
    seconds,
    completed: result.completed,
    completedPerSec: result.perSec,
    ...summary(result.ms),
    errors: result.errors,
    ...(result.firstError && { firstError: result.firstError }),
    cpuSecondsPerWorkflow: {
      ...(Object.fromEntries(
        ['temporal', 'postgres', 'postgresForTemporal']
          .filter((name) => cpuAfter[name] !== undefined)
          .map((name) => [name, perWorkflow(cpuAfter[name]! - (cpuBefore[name] ?? 0))]),
      ) as { temporal?: number; postgres?: number; postgresForTemporal?: number }),
      // The baseline's worker and the client starting the workflows run in the bench process.
      benchProcess: perWorkflow((bench.user + bench.system) / 1e6),
    },
    otherProcessesCores: othersCpu(othersBefore),
  };
}

export type ClosedLoopReport = Awaited<ReturnType<typeof engineAtCapacity>>;
