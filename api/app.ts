/** createApp(deps): the whole HTTP API as a Hono app, with no globals, so tests build their own. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { bearerAuth } from './middleware/auth.js';
import { idempotency } from './middleware/idempotency.js';
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
      onError: (c) => problem(c, 'validation_failed', 'request body too large'),
    }),
  );
  // Webhooks authenticate by their signature, not by a bearer token.
  const auth = bearerAuth(deps.env.JWT_SECRET);
  const idempotent = idempotency();
  app.use('/v1/*', (c, next) => (c.req.path.startsWith(WEBHOOK_PATH) ? next() : auth(c, next)));
  app.on(['POST', 'PATCH', 'PUT', 'DELETE'], '/v1/*', (c, next) =>
    c.req.path.startsWith(WEBHOOK_PATH) ? next() : idempotent(c, next),
  );

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
