import { sql } from 'drizzle-orm';
import type { App } from '../types.js';

/** Liveness needs nothing; readiness checks PostgreSQL, Redis and Temporal, each with a time bound. */
export function registerHealth(app: App): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const { db, redis, temporal, env } = c.var.deps;
    const checks = await Promise.all([
      check('postgres', () => db.execute(sql`select 1`)),
      check('redis', () => redis.ping()),
      check('temporal', () =>
        temporal.workflowService.describeNamespace({ namespace: env.TEMPORAL_NAMESPACE }),
      ),
    ]);
    const ok = checks.every((x) => x.ok);
    return c.json(
      { status: ok ? 'ok' : 'unavailable', checks: Object.fromEntries(checks.map((x) => [x.name, x])) },
      ok ? 200 : 503,
    );
  });
}

async function check(name: string, probe: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ]);
    return { name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { name, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
