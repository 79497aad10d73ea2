/** createApp(deps): the whole HTTP API as a Hono app, with no globals, so tests build their own. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { createCodec } from '../codec/data-converter.js';
import { redactCardNumbers } from '../domain/card-number.js';
import { createTokenVerifier } from './auth/token-verifier.js';
import { createApiMetrics } from './metrics.js';
import { bearerAuth } from './middleware/auth.js';
import { refuseCardData } from './middleware/card-data.js';
import { clientAddress } from './middleware/client-ip.js';
import { httpMetrics } from './middleware/http-metrics.js';
import { idempotency } from './middleware/idempotency.js';
import { rateLimit } from './middleware/rate-limit.js';
import { wellFormedHeaders } from './middleware/request-headers.js';
import { storableText, storableUrl } from './middleware/storable-text.js';
import { serverSpan } from './middleware/tracing.js';
import { completeDocument, DOCUMENT_CONFIG } from './openapi/document.js';
import { handleError, problem, validationProblem } from './problem.js';
import { pathParam, routeLabel } from './route-label.js';
import { registerCodecRoutes } from './routes/codec/index.js';
import { registerDisputeRoutes } from './routes/disputes/index.js';
import { registerEventRoutes } from './routes/events.js';
import { registerHealth } from './routes/health.js';
import { registerListingRoutes } from './routes/listings/index.js';
import { registerMeRoutes } from './routes/me/index.js';
import { registerMetrics } from './routes/metrics.js';
import { registerOfferRoutes } from './routes/offers/index.js';
import { registerOpsRoutes } from './routes/ops/index.js';
import { registerOrderRoutes } from './routes/orders/index.js';
import { registerPayoutRoutes } from './routes/payouts/index.js';
import { registerWebhookEndpointRoutes } from './routes/webhook-endpoints/index.js';
import { CARRIER_WEBHOOK_PATH, registerCarrierWebhook } from './routes/webhooks/carrier.js';
import { registerPaymentWebhook, WEBHOOK_PATH } from './routes/webhooks/payments.js';
import type { ApiDeps, App, AppEnv } from './types.js';

export function createApp(deps: ApiDeps): App {
  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.error.issues);
    },
  });

  const metrics = deps.metrics ?? createApiMetrics();
  // One per app: it holds the identity provider's keys between requests.
  const verifyToken = createTokenVerifier(deps.env);
  app.use(requestId());
  app.use(serverSpan());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    c.set('metrics', metrics);
    c.set('verifyToken', verifyToken);
    c.set('log', deps.log.child({ requestId: c.var.requestId }));
    await next();
    // The log mixin adds traceId/spanId (observability/log-context.ts) when tracing is on.
    const route = routeLabel(c);
    const orderId = c.var.orderId ?? (route.includes('/orders/:id') ? pathParam(c, 'id') : undefined);
    // A hostile client may put a card number in the URL: the log keeps none (test/e2e/card-data.test.ts).
    c.var.log.info(
      {
        method: c.req.method,
        path: redactCardNumbers(c.req.path),
        route,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        ...(orderId && { orderId: redactCardNumbers(orderId) }),
      },
      'request',
    );
  });
  app.use(httpMetrics(metrics));
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
      [WEBHOOK_PATH, CARRIER_WEBHOOK_PATH].some((p) => c.req.path.startsWith(p)) ? next() : handler(c, next);
  const { env } = deps;
  const idempotent = idempotency();
  app.use('/v1/*', clientAddress(env.TRUSTED_PROXY_HOPS));
  app.use('/v1/*', exceptWebhooks(rateLimit('ip', env.RATE_LIMIT_IP_PER_MINUTE, (c) => c.var.clientIp)));
  app.use('/v1/*', storableUrl());
  app.use('/v1/*', exceptWebhooks(bearerAuth()));
  app.use('/v1/*', exceptWebhooks(rateLimit('user', env.RATE_LIMIT_USER_PER_MINUTE, (c) => c.var.user.id)));
  app.use('/v1/*', exceptWebhooks(wellFormedHeaders()));
  app.on(['POST', 'PATCH', 'PUT', 'DELETE'], '/v1/*', exceptWebhooks(storableText()));
  app.on(['POST', 'PATCH', 'PUT', 'DELETE'], '/v1/*', refuseCardData());
  app.on(['POST', 'PATCH', 'PUT', 'DELETE'], '/v1/*', exceptWebhooks(idempotent));

  registerHealth(app);
  registerCodecRoutes(app, env, createCodec(env.CODEC_KEYS));
  registerMetrics(app, metrics);
  registerListingRoutes(app);
  registerMeRoutes(app);
  registerOrderRoutes(app);
  registerOfferRoutes(app);
  registerPayoutRoutes(app);
  registerDisputeRoutes(app);
  registerOpsRoutes(app);
  registerEventRoutes(app);
  registerPaymentWebhook(app);
  registerCarrierWebhook(app);
  registerWebhookEndpointRoutes(app);

  completeDocument(app);
  app.doc31('/openapi.json', DOCUMENT_CONFIG);
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'escrowflow API' }));

  app.notFound((c) => problem(c, 'not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError(handleError);
  return app;
}
