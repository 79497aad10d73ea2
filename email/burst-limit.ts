/**
 * At most `limit` emails per user per window (the Redis fixed window of the API's rate limiter,
 * db/redis-window.ts). Over it, the caller learns how long until the window ends, to send then rather
 * than drop the email. Redis being slow or down lets the email through: the limiter protects inboxes,
 * not correctness.
 */
import type { Redis } from 'ioredis';
import { hitWindow } from '../db/redis-window.js';

export type BurstVerdict = { allowed: true } | { allowed: false; count: number; retryInMs: number };

export interface BurstLimiter {
  hit(userId: string): Promise<BurstVerdict>;
}

export function createBurstLimiter(
  redis: Redis,
  options: {
    limit: number;
    windowMs: number;
    /** How long to wait for Redis before letting the email through. */
    budgetMs?: number;
    onUnavailable?: (err: Error) => void;
  },
): BurstLimiter {
  const budgetMs = options.budgetMs ?? 250;
  return {
    async hit(userId) {
      try {
        const { count, msLeft } = await hitWindow(redis, `email:burst:${userId}`, {
          windowMs: options.windowMs,
          budgetMs,
        });
        if (count <= options.limit) return { allowed: true };
        // A few ms past the window's end, so the retry lands in the next one.
        return { allowed: false, count, retryInMs: msLeft + 25 };
      } catch (err) {
        options.onUnavailable?.(err as Error);
        return { allowed: true };
      }
    },
  };
}
