/** The worker process: config → dependencies → workers; SIGTERM/SIGINT drain and exit cleanly. */
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createActivities } from '../activities/index.js';
import { loadEnv } from '../config/env.js';
import { createDb } from '../db/client.js';
import { survivePostgresClosedSocketWrite } from '../db/crash-guard.js';
import { withCircuitBreaker } from '../payments/circuit-breaker.js';
import { createSandboxProvider } from '../payments/sandbox-provider.js';
import { buildWorkflowBundle, createWorkers } from './create-workers.js';
import { ensureSchedules } from './schedules.js';

const env = loadEnv();
const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
Runtime.install({
  logger: {
    log: (level, message, meta) =>
      log[level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'info')]({ ...meta }, message),
    trace: (m, meta) => log.trace(meta ?? {}, m),
    debug: (m, meta) => log.debug(meta ?? {}, m),
    info: (m, meta) => log.info(meta ?? {}, m),
    warn: (m, meta) => log.warn(meta ?? {}, m),
    error: (m, meta) => log.error(meta ?? {}, m),
  },
  shutdownSignals: ['SIGINT', 'SIGTERM'],
});

survivePostgresClosedSocketWrite(log);
const { db, close: closeDb } = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
// ioredis reconnects by itself; without a listener each lost connection prints as an unhandled error.
redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
const payments = withCircuitBreaker(
  createSandboxProvider({
    baseUrl: env.PAYMENTS_BASE_URL,
    apiKey: env.PAYMENTS_API_KEY,
    timeoutMs: env.PAYMENTS_TIMEOUT_MS,
  }),
  {
    failureThreshold: env.PAYMENTS_BREAKER_THRESHOLD,
    cooldownMs: env.PAYMENTS_BREAKER_COOLDOWN_MS,
    onStateChange: (state, reason) => log.warn({ state, reason }, 'payment provider circuit'),
  },
);
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });

const workers = await createWorkers({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueues: env.WORKER_TASK_QUEUES,
  activities: createActivities({ db, redis, payments, log, fraudRules: env.FRAUD_RULES }),
  workflowBundle: await buildWorkflowBundle(),
  paymentsRatePerSecond: env.PAYMENTS_RATE_LIMIT_PER_SECOND,
});
if (env.WORKER_TASK_QUEUES.includes('orders')) {
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  await ensureSchedules(client, {
    payoutCron: env.PAYOUT_SCHEDULE_CRON,
    payoutMinimum: env.PAYOUT_MIN_MINOR,
    reconciliationCron: env.RECONCILIATION_SCHEDULE_CRON,
  });
}
log.info({ taskQueues: env.WORKER_TASK_QUEUES }, 'worker running');

try {
  // Runtime's shutdown signals make every worker drain; run() resolves when they are done.
  await Promise.all(workers.map((w) => w.run()));
} finally {
  await connection.close();
  redis.disconnect();
  await closeDb();
  log.info('worker stopped');
}
