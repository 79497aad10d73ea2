import { Context } from '@temporalio/activity';

/**
 * Re-reads something at the provider every 500 ms, heartbeating, until `settled` says it has moved
 * on or `windowMs` passes: the polling fallback for outcomes the provider normally sends by webhook.
 */
export async function watchUntil<T>(
  read: () => Promise<T>,
  settled: (value: T) => boolean,
  windowMs: number,
): Promise<{ settled: boolean; value: T }> {
  const until = Date.now() + windowMs;
  for (;;) {
    const value = await read();
    if (settled(value)) return { settled: true, value };
    if (Date.now() >= until) return { settled: false, value };
    Context.current().heartbeat();
    await Context.current().sleep(500);
  }
}
