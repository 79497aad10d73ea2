/**
 * The whole local stack, for `npm start` (fixed ports, data kept under .data/) and for the test suite
 * (free ports, a fresh database and Temporal file per run). DATABASE_URL, REDIS_URL and
 * TEMPORAL_ADDRESS from the environment replace the private servers.
 */
import { join } from 'node:path';
import { appEnv } from './app-env.js';
import { startAppProcesses } from './app-processes.js';
import type { Apps } from './apps.js';
import { planIdentity, type StackIdentity } from './identity-provider.js';
import { StackLifecycle } from './lifecycle.js';
import { migrateDatabase } from './migrations.js';
import { dataRoot } from './paths.js';
import { freePort, type Managed, startedOnFreePorts } from './process.js';
import { type StackRun, startDatabase, startRedisServer, startTemporalServer } from './servers.js';
import { type AppProcess, parseApiReplicas, parseWorkerTopology, type WorkerTopology } from './topology.js';

export interface StackOptions {
  mode: 'dev' | 'test';
  /** Start the sandbox provider, worker and API processes (default true). */
  apps?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /**
   * `dev` (default): the Temporal CLI dev server. `cluster`: the official server on this stack's
   * PostgreSQL with the ui-server (scripts/stack/temporal-cluster.ts); `ESCROWFLOW_TEMPORAL=cluster`
   * picks it too.
   */
  temporal?: 'dev' | 'cluster';
  /**
   * `combined` (default): one worker process for every task queue. Per queue: `{ orders: 2, ... }`
   * runs that many `worker-<queue>-<n>` processes per queue (1 for queues not named). Unset, the
   * ESCROWFLOW_WORKERS variable decides (`orders:2,payments:2`, `per-queue`, `combined`).
   */
  workers?: WorkerTopology;
  /** API processes (default 1; ESCROWFLOW_API_REPLICAS): more run behind a round-robin proxy on the API port. */
  apiReplicas?: number;
  /**
   * `provider`: the local identity provider runs and the API takes its tokens (JWKS mode,
   * scripts/stack/identity-provider.ts); `secret` (default): HS256 tokens signed with JWT_SECRET.
   * Unset, ESCROWFLOW_IDENTITY decides. A JWT_JWKS_URL in the environment names the caller's own.
   */
  identity?: 'provider' | 'secret';
}

/**
 * Per-queue topologies name their workers `worker-<queue>-<n>` and API replicas `api-<n>` (plus
 * `api-proxy`); `worker` and `api` then stand for `worker-orders-1` and `api-1`.
 */
export type StackProcess = 'postgres' | 'redis' | 'temporal' | 'sandbox' | 'identity-provider' | AppProcess;

export interface Stack {
  env: Record<string, string>;
  /**
   * `api`: where clients go (the proxy when there are replicas); `apiProcesses`: each API process's
   * own URL. `mailbox`: the emails the sandbox's SMTP receiver got (when it runs). `workerMetrics`:
   * the first worker's Prometheus endpoint; `workerMetricsAll`: every worker's.
   */
  urls: {
    api: string;
    apiProcesses?: string[];
    temporalUi?: string;
    sandbox: string;
    mailbox?: string;
    workerMetrics?: string;
    workerMetricsAll?: string[];
  };
  /** The app processes' topology this stack runs. */
  topology: { workers: WorkerTopology; apiReplicas: number };
  /** The local identity provider, when the API takes its tokens (`identity: 'provider'`). */
  identity?: StackIdentity;
  versions: Record<string, string>;
  logDir: string;
  /** The processes this stack started (not the servers the environment named), by role. */
  processes: Partial<Record<StackProcess, Managed>>;
  /**
   * Stops one process (`signal`, SIGKILL for a crash) and starts it again on the same data and port,
   * waiting until it serves: what the chaos run and the benchmark's soak use.
   */
  restart(name: StackProcess, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const DEV_PORTS = {
  postgres: 55432,
  redis: 56379,
  temporal: 7233,
  temporalUi: 8233,
  sandbox: 4010,
  /** The sandbox's SMTP receiver (sandbox/mailbox.ts). */
  smtp: 4025,
  api: 3000,
  /** The worker's Prometheus endpoint (WORKER_METRICS_ADDRESS). */
  workerMetrics: 9464,
};

async function testPorts() {
  return {
    postgres: await freePort(),
    redis: await freePort(),
    temporal: await freePort(),
    temporalUi: await freePort(), // the browser test opens the real UI
    sandbox: await freePort(),
    smtp: await freePort(),
    api: await freePort(),
    workerMetrics: await freePort(),
  };
}

/** Test stacks started again on new ports when a process finds its port taken by another process. */
const PORT_ATTEMPTS = 3;

/**
 * The stack in phases: the servers (scripts/stack/servers.ts: PostgreSQL, Redis, Temporal), the
 * migrations, the app processes' settings (app-env.ts), then the app processes (app-processes.ts).
 * A phase that fails stops what the earlier ones started. A test stack's ports are picked free, then
 * bound by servers seconds later; a server of another process can bind one first (the test lanes
 * start many), so such a stack starts again, whole, on new ports.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  if (options.mode !== 'test') return startStackOnce(options);
  return startedOnFreePorts(() => startStackOnce(options), PORT_ATTEMPTS, options.log ?? console.warn);
}

async function startStackOnce(options: StackOptions): Promise<Stack> {
  const outer = options.env ?? process.env;
  const dev = options.mode === 'dev';
  // Read before any server starts: a bad ESCROWFLOW_WORKERS fails at once.
  const topology = {
    workers: options.workers ?? parseWorkerTopology(outer.ESCROWFLOW_WORKERS),
    apiReplicas: options.apiReplicas ?? parseApiReplicas(outer.ESCROWFLOW_API_REPLICAS),
  };
  const cluster = (options.temporal ?? outer.ESCROWFLOW_TEMPORAL ?? 'dev') === 'cluster';
  const ports = dev ? { ...DEV_PORTS, api: Number(outer.API_PORT ?? DEV_PORTS.api) } : await testPorts();
  // Each test run owns a directory (servers' data and logs), so runs can go on side by side.
  const dir = dev
    ? join(dataRoot, cluster ? 'cluster' : 'dev')
    : join(dataRoot, 'test', `run-${Date.now().toString(36)}-${process.pid}`);
  const run: StackRun = {
    mode: options.mode,
    dev,
    cluster,
    outer,
    ports,
    dir,
    logDir: join(dir, 'logs'),
    versions: {},
    life: new StackLifecycle(),
    say: options.log ?? (() => {}),
  };
  const { life } = run;

  try {
    const databaseUrl = await startDatabase(run);
    const redisUrl = await startRedisServer(run);
    const temporal = await startTemporalServer(run, databaseUrl);
    await migrateDatabase(run, databaseUrl);
    run.say('migrations applied');

    const withApps = options.apps !== false;
    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
    const identity = withApps
      ? await planIdentity(
          run,
          options.identity ?? (outer.ESCROWFLOW_IDENTITY === 'provider' ? 'provider' : 'secret'),
        )
      : undefined;
    const env = appEnv(
      run,
      {
        databaseUrl,
        redisUrl,
        temporalAddress: temporal.address,
        temporalUi: temporal.uiUrl,
        apiUrl,
        sandboxUrl,
        ...(identity && { identity }),
      },
      withApps,
    );
    const apps = withApps
      ? await startAppProcesses(run, env, topology, { apiUrl, sandboxUrl }, identity)
      : undefined;
    return {
      env,
      urls: stackUrls(apiUrl, sandboxUrl, temporal.uiUrl, withApps, apps),
      topology,
      ...(identity && { identity }),
      versions: run.versions,
      logDir: run.logDir,
      processes: life.processes,
      restart: (asked, signal) => life.restart(apps?.aliases[asked] ?? asked, signal),
      stop: life.stop,
    };
  } catch (err) {
    await life.stop();
    throw err;
  }
}

function stackUrls(
  apiUrl: string,
  sandboxUrl: string,
  temporalUi: string | undefined,
  withApps: boolean,
  apps: Apps | undefined,
): Stack['urls'] {
  return {
    api: apiUrl,
    temporalUi,
    sandbox: sandboxUrl,
    ...(withApps && { mailbox: `${sandboxUrl}/_sandbox/mail` }),
    ...(apps && { apiProcesses: apps.apiUrls }),
    ...(apps &&
      apps.workerMetricsUrls.length > 0 && {
        workerMetrics: apps.workerMetricsUrls[0],
        workerMetricsAll: apps.workerMetricsUrls,
      }),
  };
}
