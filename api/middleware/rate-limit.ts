/**
 * Fixed-window rate limits in Redis (db/redis-window.ts), per client IP (c.var.clientIp,
 * api/middleware/client-ip.ts; before authentication, so floods of bad tokens are limited too) and per
 * user. Over the limit: 429 problem+json with `Retry-After`. Redis being slow or down lets requests
 * through: a limiter must not take the API down with it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { hitWindow } from '../../db/redis-window.js';
import { problem } from '../problem.js';
import type { AppEnv } from '../types.js';

const WINDOW_MS = 60_000;
const REDIS_BUDGET_MS = 250;

type Scope = 'ip' | 'user';

export function rateLimit(
  scope: Scope,
  limitPerMinute: number,
  keyOf: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { redis } = c.var.deps;
    const hit = await hitWindow(redis, `ratelimit:${scope}:${keyOf(c)}`, {
      windowMs: WINDOW_MS,
      budgetMs: REDIS_BUDGET_MS,
    }).catch((err: Error) => {
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

function setRateHeaders(headers: Headers, limit: number, remaining: number, resetSeconds: number) {
  headers.set('RateLimit-Limit', String(limit));
  headers.set('RateLimit-Remaining', String(remaining));
  headers.set('RateLimit-Reset', String(resetSeconds));
}
