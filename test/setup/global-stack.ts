/**
 * Brings the real stack up once per test run (private PostgreSQL/Redis, Temporal dev server, sandbox
 * provider, worker, API) and hands its addresses to tests through `inject`.
 */
import type { TestProject } from 'vitest/node';
import { type StackOptions, startStack } from '../../scripts/stack/index.js';
import { startOtlpCollector } from '../../scripts/stack/otlp-collector.js';
import { startStripeMock } from '../../scripts/stack/stripe-mock.js';
import type { WorkerTopology } from '../../scripts/stack/topology.js';

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
      /** The (first) worker's Prometheus endpoint (`…/metrics`). */
      workerMetricsUrl: string;
      /** Each API process's own URL (`apiUrl` itself, or the replicas behind its proxy). */
      apiProcessUrls: string[];
      /** Every worker process's Prometheus endpoint (one per process in a per-queue topology). */
      workerMetricsUrls: string[];
      /** Worker and API processes (scripts/stack/topology.ts). */
      topology: { workers: WorkerTopology; apiReplicas: number };
      /** Process ids of the processes the stack started, by name (`worker-orders-2`, `api-1`, ...). */
      pids: Record<string, number>;
      /** stripe-mock (scripts/stack/stripe-mock.ts): the Stripe adapter's contract and e2e tests. */
      stripeMockUrl: string;
      /**
       * The identity provider whose tokens the API takes (scripts/stack/identity-provider.ts): its
       * issuer, an issuer sharing its keys (refused by the API), the test-login client's secret.
       */
      identity: { issuer: string; otherIssuer: string; testClientSecret: string };
    };
  }
}

/**
 * `temporal`: which Temporal server the stack runs (test/setup/global-stack-cluster.ts picks `cluster`).
 * `topology`: worker processes per task queue and API replicas; unset, ESCROWFLOW_WORKERS and
 * ESCROWFLOW_API_REPLICAS decide (default: one worker for every queue, one API).
 */
export default async function setup(
  project: TestProject,
  temporal: 'dev' | 'cluster' = 'dev',
  topology: Pick<StackOptions, 'workers' | 'apiReplicas'> = {},
) {
  // Pure units need no stack: `npm run test:unit` (vitest --project unit) starts none.
  if (project.vitest.projects.every((p) => p.name === 'unit')) return;
  const started = Date.now();
  // Tracing is on in tests: both processes export to this collector, which tests read.
  const collector = await startOtlpCollector();
  // A short dispute window lets the end-to-end lifecycle reach release; the days-long defaults are
  // proven by the time-skipping tests.
  const stack = await startStack({
    mode: 'test',
    temporal,
    // Tests get their tokens from a real OpenID provider, as clients of a deployment would.
    identity: 'provider',
    ...topology,
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
  const stripeMock = await startStripeMock({ logDir: stack.logDir }).catch(async (err) => {
    await stack.stop();
    await collector.stop();
    throw err;
  });
  console.log(`[stack] up in ${Date.now() - started} ms; logs in ${stack.logDir}`);
  const pids = Object.fromEntries(
    Object.entries(stack.processes).flatMap(([name, proc]) =>
      proc?.child.pid ? [[name, proc.child.pid]] : [],
    ),
  );
  project.provide('stack', {
    env: stack.env,
    apiUrl: stack.urls.api,
    sandboxUrl: stack.urls.sandbox,
    temporalUiUrl: stack.urls.temporalUi ?? '',
    logDir: stack.logDir,
    otlpUrl: collector.url,
    workerMetricsUrl: stack.urls.workerMetrics ?? '',
    apiProcessUrls: stack.urls.apiProcesses ?? [stack.urls.api],
    workerMetricsUrls: stack.urls.workerMetricsAll ?? [],
    topology: stack.topology,
    pids,
    stripeMockUrl: stripeMock.url,
    identity: {
      issuer: stack.identity!.issuer,
      otherIssuer: stack.identity!.otherIssuer!,
      testClientSecret: stack.identity!.testClient.secret,
    },
  });
  return async () => {
    await stripeMock.process.stop();
    await stack.stop();
    await collector.stop();
  };
}
