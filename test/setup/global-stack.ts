/**
 * Brings the real stack up once per test run (private PostgreSQL/Redis, Temporal dev server, sandbox
 * provider, worker, API) and hands its addresses to tests through `inject`.
 */
import type { TestProject } from 'vitest/node';
import { startStack } from '../../scripts/stack/index.js';
import { startOtlpCollector } from '../../scripts/stack/otlp-collector.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      env: Record<string, string>;
      apiUrl: string;
      sandboxUrl: string;
      temporalUiUrl: string;
      logDir: string;
      /** The in-process OTLP collector the API and worker export spans to (`GET /spans?traceId=`). */
      otlpUrl: string;
      /** The worker's Prometheus endpoint (`…/metrics`). */
      workerMetricsUrl: string;
    };
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  // Tracing is on in tests: both processes export to this collector, which tests read.
  const collector = await startOtlpCollector();
  // A short dispute window lets the end-to-end lifecycle reach release; the days-long defaults are
  // proven by the time-skipping tests.
  const stack = await startStack({
    mode: 'test',
    env: {
      ...process.env,
      // info: the log-correlation and card-data tests read what the processes log.
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      DISPUTE_WINDOW_MS: '1500',
      // Every test client is 127.0.0.1; the limiter itself is tested on an app of its own.
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      // Seller webhook tests post to a server on 127.0.0.1 (only that: 127.0.0.2, 10.x, ::1 stay
      // refused) and retry it within a second.
      OUTBOUND_WEBHOOK_ALLOW_CIDRS: '127.0.0.1/32',
      OUTBOUND_WEBHOOK_RETRY_INITIAL_MS: '200',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      // The 40-buyer race makes thousands of spans at once; the default queue (2048) would drop some.
      OTEL_BSP_MAX_QUEUE_SIZE: '16384',
    },
  }).catch(async (err) => {
    await collector.stop();
    throw err;
  });
  console.log(`[stack] up in ${Date.now() - started} ms; logs in ${stack.logDir}`);
  project.provide('stack', {
    env: stack.env,
    apiUrl: stack.urls.api,
    sandboxUrl: stack.urls.sandbox,
    temporalUiUrl: stack.urls.temporalUi ?? '',
    logDir: stack.logDir,
    otlpUrl: collector.url,
    workerMetricsUrl: stack.urls.workerMetrics ?? '',
  });
  return async () => {
    await stack.stop();
    await collector.stop();
  };
}
