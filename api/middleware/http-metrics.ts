/** Counts every answered request and its latency by method, route pattern and status. */
import type { MiddlewareHandler } from 'hono';
import type { ApiMetrics } from '../metrics.js';
import { routeLabel } from '../route-label.js';
import type { AppEnv } from '../types.js';

export function httpMetrics(metrics: ApiMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = { method: c.req.method, route: routeLabel(c), status: String(c.res.status) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    }
  };
}
