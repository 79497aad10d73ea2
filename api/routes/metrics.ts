/**
 * GET /metrics: the API's series in Prometheus text. Outside /v1, so no JWT and no rate limit; with
 * METRICS_TOKEN set it wants that bearer token instead (compared in constant time).
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApiMetrics } from '../metrics.js';
import { problem } from '../problem.js';
import type { App } from '../types.js';

export function registerMetrics(app: App, metrics: ApiMetrics): void {
  app.get('/metrics', async (c) => {
    const token = c.var.deps.env.METRICS_TOKEN;
    if (token && !sameSecret(c.req.header('authorization') ?? '', `Bearer ${token}`)) {
      return problem(c, 'unauthorized', 'GET /metrics wants the METRICS_TOKEN bearer token');
    }
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
