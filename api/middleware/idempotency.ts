/**
 * Idempotency-Key on writes, stored in PostgreSQL per user: the same key with the same request gets
 * the first response again; with another request, 422; while the first is still running, 409. A
 * failed (5xx) or step-up-refused (401) attempt releases the key's lock so the client may retry it at
 * once, but the key stays bound to its request: a retry with another body is still 422 (a payout
 * retried after a 5xx with another amount must not start with it).
 */
import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { idempotencyKeys } from '../../db/schema/index.js';
import { problem } from '../problem.js';
import { routeLabel } from '../route-label.js';
import { IdempotencyKey } from '../schemas.js';
import type { AppEnv } from '../types.js';

const LOCK_MS = 60_000;

export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    // wellFormedHeaders refused a malformed key already; this guards a mount without it.
    if (!IdempotencyKey.safeParse(key).success)
      return problem(c, 'validation_failed', 'Idempotency-Key must be 1-255 visible ASCII characters');
    const { db } = c.var.deps;
    const userId = c.var.user.id;
    const url = new URL(c.req.url);
    const requestHash = createHash('sha256')
      .update(`${c.req.method} ${url.pathname}${url.search}\n`)
      .update(await c.req.text())
      .digest('hex');

    const now = new Date();
    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({
        userId,
        key,
        method: c.req.method,
        path: url.pathname,
        requestHash,
        lockedUntil: new Date(now.getTime() + LOCK_MS),
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!claimed) {
      const [row] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
      if (!row) return problem(c, 'idempotency_in_flight', 'retry shortly');
      if (row.requestHash !== requestHash) {
        return problem(c, 'idempotency_conflict', 'this Idempotency-Key was used with a different request');
      }
      if (row.state === 'completed') {
        c.var.metrics.idempotencyReplays.inc({ route: routeLabel(c) });
        c.header('Idempotent-Replayed', 'true');
        const isProblem = (row.responseStatus ?? 200) >= 400;
        return c.body(JSON.stringify(row.responseBody), (row.responseStatus ?? 200) as ContentfulStatusCode, {
          'content-type': isProblem ? 'application/problem+json' : 'application/json',
        });
      }
      // In flight: wait for it unless its holder died (lock expired), then take the key over.
      const [takenOver] = await db
        .update(idempotencyKeys)
        .set({ lockedUntil: new Date(now.getTime() + LOCK_MS) })
        .where(
          and(
            eq(idempotencyKeys.userId, userId),
            eq(idempotencyKeys.key, key),
            lt(idempotencyKeys.lockedUntil, now),
          ),
        )
        .returning({ key: idempotencyKeys.key });
      if (!takenOver)
        return problem(
          c,
          'idempotency_in_flight',
          'the first request with this Idempotency-Key is still running',
        );
    }

    await next();

    const status = c.res.status;
    const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
    // A step-up refusal (401) did nothing either: the client logs in again and retries with this key.
    if (status >= 500 || status === 401) {
      // Unlocked (taken over by the next try of the same request), not forgotten.
      await db
        .update(idempotencyKeys)
        .set({ lockedUntil: new Date(0) })
        .where(where);
      return;
    }
    const body = await c.res
      .clone()
      .json()
      .catch(() => null);
    await db
      .update(idempotencyKeys)
      .set({ state: 'completed', responseStatus: status, responseBody: body })
      .where(where);
  };
}
