/**
 * Fixed-window rate limits in Redis, per client IP (c.var.clientIp, api/middleware/client-ip.ts;
 * before authentication, so floods of bad tokens are limited too) and per user. Over the limit: 429 problem+json with `Retry-After`. Redis being
 * slow or down lets requests through: a limiter must not take the API down with it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';
import { problem } from '../problem.js';
import type { AppEnv } from '../types.js';

const WINDOW_MS = 60_000;
const REDIS_BUDGET_MS = 250;

// INCR and set the window's expiry in one round trip; returns [count, ms left in the window].
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

type Scope = 'ip' | 'user';

export function rateLimit(
  scope: Scope,
  limitPerMinute: number,
  keyOf: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { redis } = c.var.deps;
    const hit = await countHit(redis, `ratelimit:${scope}:${keyOf(c)}`).catch((err: Error) => {
      c.var.log.warn({ err: err.message, scope }, 'rate limiter unavailable; letting the request through');
      return undefined;
    });
    if (!hit) return next();
    const remaining = Math.max(0, limitPerMinute - hit.count);
    const resetSeconds = Math.max(1, Math.ceil(hit.msLeft / 1000));
    if (hit.count > limitPerMinute) {
      const res = problem(c, 'rate_limited', `more than ${limitPerMinute} requests a minute per ${scope}`, {
        retryAfterSeconds: resetSeconds,
      });
      res.headers.set('Retry-After', String(resetSeconds));
      setRateHeaders(res.headers, limitPerMinute, 0, resetSeconds);
      return res;
    }
    await next();
    // Both limiters answer on the way out; the one closest to its limit is the one the client sees.
    const shown = c.res.headers.get('RateLimit-Remaining');
    if (shown === null || Number(shown) > remaining)
      setRateHeaders(c.res.headers, limitPerMinute, remaining, resetSeconds);
  };
}

async function countHit(redis: Redis, key: string): Promise<{ count: number; msLeft: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${REDIS_BUDGET_MS} ms`)), REDIS_BUDGET_MS);
  });
  try {
    const [count, msLeft] = (await Promise.race([redis.eval(HIT, 1, key, WINDOW_MS), timeout])) as [
      number,
      number,
    ];
    return { count, msLeft: msLeft > 0 ? msLeft : WINDOW_MS };
  } finally {
    clearTimeout(timer);
  }
}

function setRateHeaders(headers: Headers, limit: number, remaining: number, resetSeconds: number) {
  headers.set('RateLimit-Limit', String(limit));
  headers.set('RateLimit-Remaining', String(remaining));
  headers.set('RateLimit-Reset', String(resetSeconds));
}
