import type { Context } from 'hono';
import type { AppEnv } from '../types.js';

/**
 * A workflow update's id from the request's Idempotency-Key: Temporal keeps one outcome per update id,
 * so a retried request (its first answer lost to a crash or a dropped connection) gets the first
 * outcome instead of running the update again and being told the order has moved on.
 */
export function updateIdFor(c: Context<AppEnv>, update: string): string | undefined {
  const key = c.req.header('idempotency-key');
  return key ? `${update}:${c.var.user.id}:${key}` : undefined;
}
