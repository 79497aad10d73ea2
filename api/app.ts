/** createApp(deps): the whole HTTP API as a Hono app, with no globals, so tests build their own. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { bearerAuth } from './middleware/auth.js';
import { idempotency } from './middleware/idempotency.js';
import { clientIp, rateLimit } from './middleware/rate-limit.js';
import { storableText } from './middleware/storable-text.js';
import { handleError, problem } from './problem.js';
import { registerDisputeRoutes } from './routes/disputes/index.js';
import { registerEventRoutes } from './routes/events.js';
import { registerHealth } from './routes/health.js';
import { registerListingRoutes } from './routes/listings/index.js';
import { registerOpsRoutes } from './routes/ops/index.js';
import { registerOrderRoutes } from './routes/orders/index.js';
import { registerPayoutRoutes } from './routes/payouts/index.js';
import { registerPaymentWebhook, WEBHOOK_PATH } from './routes/webhooks/payments.js';
import type { ApiDeps, App, AppEnv } from './types.js';

export function createApp(deps: ApiDeps): App {
  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return problem(
          c,
          'validation_failed',
          errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; '),
          { errors },
        );
      }
    },
  });

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    c.set('log', deps.log.child({ requestId: c.var.requestId }));
    await next();
    c.var.log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => problem(c, 'payload_too_large', 'request bodies are limited to 64 KiB'),
    }),
  );
  // Webhooks authenticate by their signature, not by a bearer token, and are not rate limited.
  const exceptWebhooks =
    (handler: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
    (c, next) =>
      c.req.path.startsWith(WEBHOOK_PATH) ? next() : handler(c, next);
  const { env } = deps;
  const idempotent = idempotency();
  app.use(
    '/v1/*',
    exceptWebhooks(rateLimit('ip', env.RATE_LIMIT_IP_PER_MINUTE, (c) => clientIp(c, env.TRUSTED_PROXY_HOPS))),
  );
  app.use('/v1/*', exceptWebhooks(bearerAuth(env.JWT_SECRET)));
  app.use('/v1/*', exceptWebhooks(rateLimit('user', env.RATE_LIMIT_USER_PER_MINUTE, (c) => c.var.user.id)));
  app.on(['POST', 'PATCH', 'PUT', 'DELETE'], '/v1/*', exceptWebhooks(storableText()));
  app.on(['POST', 'PATCH', 'PUT', 'DELETE'], '/v1/*', exceptWebhooks(idempotent));

  registerHealth(app);
  registerListingRoutes(app);
  registerOrderRoutes(app);
  registerPayoutRoutes(app);
  registerDisputeRoutes(app);
  registerOpsRoutes(app);
  registerEventRoutes(app);
  registerPaymentWebhook(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'escrowflow API',
      version: '1.0.0',
      description: 'Escrow for person-to-person marketplaces.',
    },
    security: [{ bearer: [] }],
  });
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'escrowflow API' }));

  app.notFound((c) => problem(c, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError(handleError);
  return app;
}
