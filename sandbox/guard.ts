/** In front of every provider API call: the secret key, a token-bucket rate limit, injected faults. */
import type { Hono } from 'hono';
import type { SandboxContext } from './context.js';

export function mountApiGuard(app: Hono, ctx: SandboxContext, rps: number): void {
  const bucket = { tokens: rps, at: Date.now() };
  app.use('/v1/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${ctx.apiKey}`) {
      return c.json(
        { error: { type: 'authentication_error', code: 'invalid_api_key', message: 'invalid API key' } },
        401,
      );
    }
    const now = Date.now();
    bucket.tokens = Math.min(rps, bucket.tokens + ((now - bucket.at) / 1000) * rps);
    bucket.at = now;
    if (bucket.tokens < 1) {
      c.header('retry-after', '1');
      return c.json(
        { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'too many requests' } },
        429,
      );
    }
    bucket.tokens -= 1;
    const faults = ctx.faults();
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.outages.some((o) => now >= o.from && now < o.to)) {
      return c.json(
        { error: { type: 'api_error', code: 'service_unavailable', message: 'provider outage' } },
        503,
      );
    }
    if (c.req.method === 'POST' && ctx.random() < faults.errorRate) {
      return c.json({ error: { type: 'api_error', code: 'internal_error', message: 'injected error' } }, 500);
    }
    await next();
  });
}
