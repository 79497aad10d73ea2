/**
 * At most `limit` emails per user per window (a Redis fixed window, as the API's rate limiter). Over
 * it, the caller learns how long until the window ends, to send then rather than drop the email.
 * Redis being slow or down lets the email through: the limiter protects inboxes, not correctness.
 */
import type { Redis } from 'ioredis';

// INCR and set the window's expiry in one round trip; returns [count, ms left in the window].
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

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
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${budgetMs} ms`)), budgetMs);
      });
      try {
        const [count, msLeft] = (await Promise.race([
          redis.eval(HIT, 1, `email:burst:${userId}`, options.windowMs),
          timeout,
        ])) as [number, number];
        if (count <= options.limit) return { allowed: true };
        // A few ms past the window's end, so the retry lands in the next one.
        return { allowed: false, count, retryInMs: (msLeft > 0 ? msLeft : options.windowMs) + 25 };
      } catch (err) {
        options.onUnavailable?.(err as Error);
        return { allowed: true };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
