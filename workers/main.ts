/** The worker process: config → dependencies → workers; SIGTERM/SIGINT drain and exit cleanly. */
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { Redis } from 'ioredis';
import pino from 'pino';
import { failureInterceptor } from '../activities/failure-interceptor.js';
import { createActivities } from '../activities/index.js';
import { createSandboxCarrier } from '../carriers/sandbox-carrier.js';
import { dataConverterFor } from '../codec/data-converter.js';
import { loadEnv, sellerWebhookSettings } from '../config/env.js';
import { loadTemporalConnection } from '../config/temporal-connection.js';
import { createDb } from '../db/client.js';
import { survivePostgresClosedSocketWrite } from '../db/crash-guard.js';
import { activityLogFields } from '../observability/activity-log-fields.js';
import { createBusinessMetrics } from '../observability/business-metrics.js';
import { clientInterceptors } from '../observability/client-tracing.js';
import { logMixin } from '../observability/log-context.js';
import { temporalLogger } from '../observability/runtime-logger.js';
import { tracedFetch } from '../observability/traced-fetch.js';
import { startTracing } from '../observability/tracing.js';
import { workerTracing } from '../observability/worker-tracing.js';
import { withCircuitBreaker } from '../payments/circuit-breaker.js';
import { createPaymentProvider } from '../payments/select.js';
import { createWorkers } from './create-workers.js';
import { deploymentVersion } from './deployment.js';
import { startOutboxDispatcher } from './outbox-dispatcher.js';
import { ownDist, workflowBundleFor } from './prebuilt-bundle.js';
import { ensureSchedules } from './schedules.js';
import { cachedWorkflowsFor } from './workflow-cache.js';

const env = loadEnv();
// TEMPORAL_* (address, namespace, TLS / mTLS / API key): the dev server, a remote cluster or Temporal Cloud.
const temporalSettings = loadTemporalConnection(env);
// First: tracing (off unless OTEL_* ask for it), then the logger that stamps trace ids on lines.
const tracing = startTracing(env, 'escrowflow-worker');
const traced = workerTracing(tracing);
const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' }, mixin: logMixin });
const runtime = Runtime.install({
  logger: temporalLogger(log),
  // The SDK's own metrics and the business counters, in Prometheus text on WORKER_METRICS_ADDRESS/metrics.
  ...(env.WORKER_METRICS_ADDRESS !== 'off' && {
    telemetryOptions: { metrics: { prometheus: { bindAddress: env.WORKER_METRICS_ADDRESS } } },
  }),
  shutdownSignals: ['SIGINT', 'SIGTERM'],
});

survivePostgresClosedSocketWrite(log);
const { db, sql, close: closeDb } = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
// ioredis reconnects by itself; without a listener each lost connection prints as an unhandled error.
redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
const payments = withCircuitBreaker(
  // PAYMENTS_PROVIDER: the sandbox service or Stripe Connect (payments/select.ts).
  createPaymentProvider(env, { ...(tracing.enabled && { fetch: tracedFetch() }) }),
  {
    failureThreshold: env.PAYMENTS_BREAKER_THRESHOLD,
    cooldownMs: env.PAYMENTS_BREAKER_COOLDOWN_MS,
    onStateChange: (state, reason) => log.warn({ state, reason }, 'payment provider circuit'),
  },
);
const connection = await NativeConnection.connect(temporalSettings.native);
// Workflow payloads are encrypted (codec/); without CODEC_KEYS (development only) they stay plain.
const dataConverter = dataConverterFor(env.CODEC_KEYS);
if (env.CODEC_KEYS.length === 0) log.warn('CODEC_KEYS not set: workflow payloads are not encrypted');
// Activities start workflows too (seller webhook deliveries), through the worker's own connection.
const temporal = new Client({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  dataConverter,
  interceptors: clientInterceptors(tracing),
});

const activities = createActivities({
  db,
  redis,
  payments,
  carriers: createSandboxCarrier({
    baseUrl: env.CARRIER_BASE_URL,
    apiKey: env.CARRIER_API_KEY,
    timeoutMs: env.CARRIER_TIMEOUT_MS,
    ...(tracing.enabled && { fetch: tracedFetch() }),
  }),
  log,
  fraudRules: env.FRAUD_RULES,
  metrics: createBusinessMetrics(runtime.metricMeter),
  temporal,
  sellerWebhooks: sellerWebhookSettings(env),
  email: {
    smtpUrl: env.SMTP_URL,
    from: env.EMAIL_FROM,
    perUserPerWindow: env.EMAIL_PER_USER_PER_MINUTE,
    linkBaseUrl: env.PUBLIC_URL,
  },
});
// WORKER_DEPLOYMENT_NAME + WORKER_BUILD_ID: this build's Worker Deployment Version (docs/adr/0010).
const deployment = deploymentVersion(env);
const workers = await createWorkers({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueues: env.WORKER_TASK_QUEUES,
  activities,
  // Only the `orders` queue runs workflows: a process serving other queues alone needs no bundle.
  // Compiled (dist/), the one `npm run build` wrote; from source, bundled now.
  workflowBundle: env.WORKER_TASK_QUEUES.includes('orders')
    ? await workflowBundleFor({
        path: env.WORKFLOW_BUNDLE_PATH,
        interceptorModules: traced.workflowInterceptorModules,
        dist: ownDist,
      })
    : undefined,
  paymentsRatePerSecond: env.PAYMENTS_RATE_LIMIT_PER_SECOND,
  // Sized by memory (WORKER_WORKFLOW_CACHE_MIB), WORKER_MAX_CACHED_WORKFLOWS a cap when set.
  maxCachedWorkflows: cachedWorkflowsFor(env.WORKER_WORKFLOW_CACHE_MIB, env.WORKER_MAX_CACHED_WORKFLOWS),
  dataConverter,
  activityInterceptors: [...traced.activityInterceptors, activityLogFields, failureInterceptor],
  sinks: traced.sinks,
  deployment,
});
if (env.WORKER_TASK_QUEUES.includes('orders')) {
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
  await ensureSchedules(client, {
    payoutCron: env.PAYOUT_SCHEDULE_CRON,
    payoutMinimum: env.PAYOUT_MIN_MINOR,
    reconciliationCron: env.RECONCILIATION_SCHEDULE_CRON,
    staleOrderSweepEveryMs: env.STALE_ORDER_SWEEP_EVERY_MS,
    orderHoldMs: env.ORDER_HOLD_MS,
  });
}
log.info(
  {
    taskQueues: env.WORKER_TASK_QUEUES,
    deployment: deployment ?? 'unversioned',
    temporal: { address: temporalSettings.address, security: temporalSettings.security },
    tracing: tracing.enabled,
    ...(env.WORKER_METRICS_ADDRESS !== 'off' && { metrics: `http://${env.WORKER_METRICS_ADDRESS}/metrics` }),
  },
  'worker running',
);

// The process that delivers notifications delivers the outbox too (status changes write it).
const outbox = env.WORKER_TASK_QUEUES.includes('notifications')
  ? startOutboxDispatcher({ db, sql, deliver: activities.notify, log })
  : undefined;

try {
  // Runtime's shutdown signals make every worker drain; run() resolves when they are done.
  await Promise.all(workers.map((w) => w.run()));
} finally {
  await outbox?.stop();
  await connection.close();
  redis.disconnect();
  await closeDb();
  await tracing.shutdown();
  log.info('worker stopped');
}
