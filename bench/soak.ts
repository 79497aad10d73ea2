/** The soak: `--soak-rate` orders a second for `--soak-minutes`, worker and API memory before and after. */
import type { BenchContext } from './context.js';
import { openLoop, summary } from './load.js';
import type { MemoryWatch } from './measure.js';
import { say } from './options.js';
import { type Buyers, timesToPaid } from './orders.js';

export async function soak(ctx: BenchContext, memory: MemoryWatch, buy: Buyers['buy']) {
  const { soakMinutes, soakRate } = ctx.opts;
  if (!(soakMinutes > 0)) return { minutes: 0 } as Record<string, unknown>;
  say(`soak: ${soakRate}/s for ${soakMinutes} min`);
  const before = { worker: memory.now('worker'), api: memory.now('api') };
  const soakRun = await openLoop(soakRate, soakMinutes * 60, (i) => buy(i, false));
  const ids = soakRun.results.flatMap((r) => (r.value ? [r.value] : []));
  const paid = await timesToPaid(ctx.pg, ids);
  const result: Record<string, unknown> = {
    minutes: soakMinutes,
    rate: soakRate,
    orders: ids.length,
    paid: paid.paidCount,
    timeToPaidMs: summary(paid.ms),
    rssBeforeMiB: before,
    rssAfterMiB: { worker: memory.now('worker'), api: memory.now('api') },
  };
  return result;
}
