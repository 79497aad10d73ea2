/** Open-loop load: calls start on a fixed schedule whatever the answers do, so queueing shows in latency. */

export interface Sample {
  ok: boolean;
  ms: number;
}

export async function openLoop<T>(
  ratePerSecond: number,
  seconds: number,
  call: (i: number) => Promise<T>,
): Promise<{
  results: Array<{ value?: T; error?: unknown; startedAt: number; ms: number }>;
  lateMs: number;
}> {
  const total = Math.round(ratePerSecond * seconds);
  const start = performance.now();
  let lateMs = 0;
  const pending: Array<Promise<{ value?: T; error?: unknown; startedAt: number; ms: number }>> = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else lateMs = Math.max(lateMs, -wait);
    const startedAt = Date.now();
    const t0 = performance.now();
    pending.push(
      call(i).then(
        (value) => ({ value, startedAt, ms: performance.now() - t0 }),
        (error: unknown) => ({ error, startedAt, ms: performance.now() - t0 }),
      ),
    );
  }
  return { results: await Promise.all(pending), lateMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const summary = (values: number[]) => ({
  p50: Math.round(percentile(values, 50)),
  p95: Math.round(percentile(values, 95)),
  p99: Math.round(percentile(values, 99)),
});

/**
 * Closed loop: `concurrency` callers, each starting its next call when the last one answers, for
 * `seconds`. What it measures is the most the system completes, not latency at a chosen rate.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  call: (caller: number, i: number) => Promise<unknown>,
): Promise<{ completed: number; errors: number; perSec: number; ms: number[]; firstError?: string }> {
  const start = performance.now();
  const end = start + seconds * 1000;
  const ms: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let lastDone = start;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        try {
          await call(caller, i);
          ms.push(performance.now() - t0);
        } catch (err) {
          errors++;
          firstError ??= String(err);
        }
        lastDone = performance.now();
      }
    }),
  );
  const perSec = Math.round((ms.length / ((lastDone - start) / 1000)) * 100) / 100;
  return { completed: ms.length, errors, perSec, ms, ...(firstError && { firstError }) };
}
