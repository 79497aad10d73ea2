/**
 * A fixed-window counter in Redis, the one the API's rate limits and the email burst limit share:
 * INCR and the window's expiry in one round trip (a Lua script, so the first hit of a window always
 * sets its expiry). Rejects when Redis has not answered within `budgetMs`: each caller decides what a
 * limiter that is down means (both let the request or the email through).
 */
import type { Redis } from 'ioredis';

// Returns [count in this window, ms left in it].
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

export interface WindowHit {
  /** Hits in the current window, this one included. */
  count: number;
  msLeft: number;
}

export async function hitWindow(
  redis: Redis,
  key: string,
  { windowMs, budgetMs }: { windowMs: number; budgetMs: number },
): Promise<WindowHit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${budgetMs} ms`)), budgetMs);
  });
  try {
    const [count, msLeft] = (await Promise.race([redis.eval(HIT, 1, key, windowMs), timeout])) as [
      number,
      number,
    ];
    return { count, msLeft: msLeft > 0 ? msLeft : windowMs };
  } finally {
    clearTimeout(timer);
  }
}
