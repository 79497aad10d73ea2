/** The API process: config → dependencies → Hono on Node; SIGTERM/SIGINT close the server, then clients. */
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import pino from 'pino';
import { dataConverterFor } from '../codec/data-converter.js';
import { loadEnv } from '../config/env.js';
import { loadTemporalConnection } from '../config/temporal-connection.js';
import { createDb } from '../db/client.js';
import { survivePostgresClosedSocketWrite } from '../db/crash-guard.js';
import { backlogs } from '../db/queries/backlog.js';
import { registerBacklogGauges } from '../observability/backlog-metrics.js';
import { clientInterceptors } from '../observability/client-tracing.js';
import { logMixin } from '../observability/log-context.js';
import { startTracing } from '../observability/tracing.js';
import { createApp } from './app.js';
import { createApiMetrics } from './metrics.js';

const env = loadEnv();
// TEMPORAL_* (address, namespace, TLS / mTLS / API key): the dev server, a remote cluster or Temporal Cloud.
const temporalSettings = loadTemporalConnection(env);
// First: tracing (off unless OTEL_* ask for it), then the logger that stamps trace ids on lines.
const tracing = startTracing(env, 'escrowflow-api');
const log = pino({ level: env.LOG_LEVEL, base: { service: 'api' }, mixin: logMixin });
survivePostgresClosedSocketWrite(log);
const { db, close: closeDb } = createDb(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
redis.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
const connection = await Connection.connect(temporalSettings.client);
// Workflow payloads are encrypted (codec/); without CODEC_KEYS (development only) they stay plain.
const temporal = new Client({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  dataConverter: dataConverterFor(env.CODEC_KEYS),
  interceptors: clientInterceptors(tracing),
});
if (env.CODEC_KEYS.length === 0) log.warn('CODEC_KEYS not set: workflow payloads are not encrypted');

const metrics = createApiMetrics({ processMetrics: true });
// Outbox and seller-webhook backlogs, read from PostgreSQL at each scrape (deploy/monitoring/ alerts on them).
registerBacklogGauges(metrics.registry, () => backlogs(db), log);
const app = createApp({ db, redis, temporal, env, log, metrics });
const server = serve({ fetch: app.fetch, hostname: env.API_HOST, port: env.API_PORT }, (info) => {
  log.info(
    {
      url: `http://${info.address}:${info.port}`,
      temporal: { address: temporalSettings.address, security: temporalSettings.security },
    },
    'api listening',
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'api stopping');
  server.close();
  await connection.close();
  redis.disconnect();
  await closeDb();
  await tracing.shutdown();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
