/**
 * The whole local stack, for `npm start` (fixed ports, data kept under .data/) and for the test suite
 * (free ports, a fresh database and Temporal file per run). DATABASE_URL, REDIS_URL and
 * TEMPORAL_ADDRESS from the environment replace the private servers.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '../../db/migrate.js';
import { type Apps, startApps, temporalSecuritySettings } from './apps.js';
import { dataRoot, repoRoot } from './paths.js';
import { dropDatabase, ensureDatabase, startPostgres } from './postgres.js';
import { freePort, type Managed, startProcess, waitFor } from './process.js';
import { startRedis } from './redis.js';
import { ensureCodecKeyFile } from './secrets.js';
import { startTemporal } from './temporal.js';
import {
  dropTemporalClusterDatabases,
  startTemporalCluster,
  temporalClusterDatabases,
} from './temporal-cluster.js';
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
}

/**
 * Per-queue topologies name their workers `worker-<queue>-<n>` and API replicas `api-<n>` (plus
 * `api-proxy`); `worker` and `api` then stand for `worker-orders-1` and `api-1`.
 */
export type StackProcess = 'postgres' | 'redis' | 'temporal' | 'sandbox' | AppProcess;

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

export async function startStack(options: StackOptions): Promise<Stack> {
  const outer = options.env ?? process.env;
  const say = options.log ?? (() => {});
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
  const logDir = join(dir, 'logs');
  const started: Managed[] = [];
  const processes: Stack['processes'] = {};
  const starters: Partial<Record<StackProcess, () => Promise<Managed>>> = {};
  /** Starts a process through `start`, remembering how so `restart` can do it again. */
  const own = async (name: StackProcess, start: () => Promise<Managed>): Promise<Managed> => {
    starters[name] = start;
    const proc = await start();
    processes[name] = proc;
    started.push(proc);
    return proc;
  };
  const cleanups: Array<() => Promise<void>> = [];
  const versions: Record<string, string> = {};

  const stop = async () => {
    for (const proc of [...started].reverse()) await proc.stop().catch(() => {});
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };

  try {
    // PostgreSQL: the private server, or the one DATABASE_URL names (tests take a fresh database on it).
    let databaseUrl: string;
    if (outer.DATABASE_URL && dev) {
      databaseUrl = outer.DATABASE_URL;
    } else {
      let serverUrl = outer.DATABASE_URL;
      if (!serverUrl) {
        await own('postgres', async () => {
          const pg = await startPostgres({ dir: join(dir, 'postgres'), port: ports.postgres });
          versions.postgres = pg.version;
          serverUrl = pg.url;
          return pg.process;
        });
      }
      const name = dev ? 'escrowflow' : `escrowflow_test_${Date.now().toString(36)}_${process.pid}`;
      databaseUrl = await ensureDatabase(serverUrl!, name);
      if (!dev) cleanups.push(() => dropDatabase(databaseUrl));
    }
    if (!dev) {
      // Servers' data goes with the run; logs stay for a look after a failure (newest 3 runs kept).
      cleanups.unshift(async () => {
        for (const sub of ['postgres', 'redis', 'temporal', 'sandbox', 'secrets']) {
          rmSync(join(dir, sub), { recursive: true, force: true });
        }
      });
      pruneOldRuns(join(dataRoot, 'test'), 3);
    }
    say(`postgres ready (${redact(databaseUrl)})`);

    let redisUrl = outer.REDIS_URL;
    if (!redisUrl) {
      await own('redis', async () => {
        const redis = await startRedis({ dir: join(dir, 'redis'), port: ports.redis });
        versions.redis = redis.version;
        redisUrl = redis.url;
        return redis.process;
      });
    }
    say(`redis ready (${redisUrl})`);

    let temporalAddress = outer.TEMPORAL_ADDRESS;
    let temporalUi: string | undefined;
    if (!temporalAddress) {
      const clusterDatabases = cluster ? temporalClusterDatabases(options.mode) : undefined;
      if (clusterDatabases && !dev)
        cleanups.push(() => dropTemporalClusterDatabases(databaseUrl, clusterDatabases));
      await own('temporal', async () => {
        const common = {
          dir: join(dir, 'temporal'),
          port: ports.temporal,
          uiPort: ports.temporalUi,
          // The API's codec server (api/routes/codec/): the UI shows decrypted payloads to operators.
          codecEndpoint: `http://127.0.0.1:${ports.api}/codec`,
        };
        const temporal = clusterDatabases
          ? await startTemporalCluster({
              ...common,
              pgUrl: databaseUrl,
              databases: clusterDatabases,
              logDir,
              shards: Number(outer.TEMPORAL_HISTORY_SHARDS ?? 4),
              internalPorts: dev ? 'fixed' : 'free',
              namespace: outer.TEMPORAL_NAMESPACE ?? 'default',
            })
          : await startTemporal(common);
        versions.temporal = temporal.version;
        temporalAddress = temporal.address;
        temporalUi = temporal.uiUrl;
        return temporal.process;
      });
    }
    say(`temporal ready (${temporalAddress})`);

    await runMigrations(databaseUrl);
    say('migrations applied');

    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
    const env: Record<string, string> = {
      NODE_ENV: dev ? 'development' : 'test',
      LOG_LEVEL: outer.LOG_LEVEL ?? 'info',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl!,
      TEMPORAL_ADDRESS: temporalAddress!,
      TEMPORAL_NAMESPACE: outer.TEMPORAL_NAMESPACE ?? 'default',
      API_HOST: outer.API_HOST ?? '127.0.0.1',
      API_PORT: String(ports.api),
      PAYMENTS_BASE_URL: sandboxUrl,
      CARRIER_BASE_URL: `${sandboxUrl}/carrier/v1`,
      // Email goes to the sandbox's SMTP receiver; in development SMTP_URL may name a real relay.
      ...(options.apps !== false && {
        SMTP_URL: (dev && outer.SMTP_URL) || `smtp://127.0.0.1:${ports.smtp}`,
      }),
      PUBLIC_URL: outer.PUBLIC_URL ?? apiUrl,
      WORKER_METRICS_ADDRESS: (dev && outer.WORKER_METRICS_ADDRESS) || `127.0.0.1:${ports.workerMetrics}`,
      // The sandbox's test cards (pm_card_ok, ...) are tokens every demo buyer shares: per-card
      // velocity would soon hold them all for review. Real card tokens are per card.
      FRAUD_RULES:
        outer.FRAUD_RULES ?? JSON.stringify({ cardVelocity: { review: 1_000_000, deny: 10_000_000 } }),
      // Workflow payloads are encrypted with a key made for this data directory (never in the repo).
      ...(outer.CODEC_KEYS
        ? { CODEC_KEYS: outer.CODEC_KEYS }
        : { CODEC_KEYS_FILE: outer.CODEC_KEYS_FILE ?? ensureCodecKeyFile(dir) }),
      CODEC_CORS_ORIGINS: outer.CODEC_CORS_ORIGINS ?? uiOrigins(temporalUi),
      // TLS / API key for a Temporal the caller named (config/temporal-connection.ts); none for our own.
      ...temporalSecuritySettings(outer, !outer.TEMPORAL_ADDRESS),
      ...passThrough(outer),
    };

    let apps: Apps | undefined;
    if (options.apps !== false) {
      const childEnv = { ...process.env, ...env };
      // ESCROWFLOW_PROFILE_DIR: each process writes a V8 CPU profile there when it exits (bench profiles).
      const profile = (name: string) =>
        outer.ESCROWFLOW_PROFILE_DIR
          ? ['--cpu-prof', `--cpu-prof-dir=${join(outer.ESCROWFLOW_PROFILE_DIR, name)}`]
          : [];
      // Workers take the isolate watchdog switch (workers/isolate-watchdog.mjs, WORKER_ISOLATE_WATCHDOG).
      const preload = (entry: string) =>
        entry === 'workers/main.ts' ? ['--import', './workers/isolate-watchdog.mjs'] : [];
      const run = (name: StackProcess, entry: string, extra: Record<string, string> = {}) =>
        startProcess(
          name,
          process.execPath,
          [...profile(name), '--import', 'tsx', ...preload(entry), entry],
          {
            cwd: repoRoot,
            env: { ...childEnv, ...extra },
            logFile: join(logDir, `${name}.log`),
          },
        );
      await own('sandbox', async () => {
        const sandbox = run('sandbox', 'sandbox/main.ts', {
          SANDBOX_PORT: String(ports.sandbox),
          SANDBOX_SMTP_PORT: String(ports.smtp),
          SANDBOX_WEBHOOK_URL: `${apiUrl}/v1/webhooks/payments`,
          // It signs with the newest of the API's payment webhook secrets (a comma list while rotating).
          ...(env.PAYMENTS_WEBHOOK_SECRET && {
            SANDBOX_WEBHOOK_SECRET: env.PAYMENTS_WEBHOOK_SECRET.split(',')[0]!.trim(),
          }),
          // The sandbox carrier signs with CARRIER_WEBHOOK_SECRET (passed through, else both default).
          SANDBOX_CARRIER_WEBHOOK_URL: `${apiUrl}/v1/webhooks/carrier`,
          // Demos: a registered parcel is delivered by itself 2 minutes later (0 turns it off); tests script it.
          ...(dev && { SANDBOX_CARRIER_AUTO_DELIVER_MS: outer.SANDBOX_CARRIER_AUTO_DELIVER_MS ?? '120000' }),
          ...(dev && { SANDBOX_STATE_FILE: join(dir, 'sandbox', 'state.json') }),
        });
        await waitFor('sandbox provider', () => httpOk(`${sandboxUrl}/_sandbox/healthz`), {
          process: sandbox,
          logFile: join(logDir, 'sandbox.log'),
        });
        return sandbox;
      });
      // Worker(s) and API(s) in the topology asked for (scripts/stack/apps.ts).
      apps = await startApps({
        mode: options.mode,
        topology: topology.workers,
        apiReplicas: topology.apiReplicas,
        env,
        apiPort: ports.api,
        logDir,
        processes,
        run,
        own,
        adopt: (name, proc, again) => {
          processes[name] = proc;
          started.push(proc);
          starters[name] = again;
        },
        onStop: async (cleanup) => {
          cleanups.push(cleanup);
        },
      });
      say(`sandbox provider, ${apps.summary} ready`);
    }

    const restart = async (asked: StackProcess, signal: NodeJS.Signals = 'SIGTERM') => {
      const name = apps?.aliases[asked] ?? asked;
      const current = processes[name];
      const start = starters[name];
      if (!current || !start) throw new Error(`${name} is not a process this stack started`);
      await current.stop(signal);
      started.splice(started.indexOf(current), 1);
      const next = await start();
      processes[name] = next;
      started.push(next);
    };
    return {
      env,
      urls: {
        api: apiUrl,
        temporalUi,
        sandbox: sandboxUrl,
        ...(options.apps !== false && { mailbox: `${sandboxUrl}/_sandbox/mail` }),
        ...(apps && { apiProcesses: apps.apiUrls }),
        ...(apps &&
          apps.workerMetricsUrls.length > 0 && {
            workerMetrics: apps.workerMetricsUrls[0],
            workerMetricsAll: apps.workerMetricsUrls,
          }),
      },
      topology,
      versions,
      logDir,
      processes,
      restart,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function pruneOldRuns(root: string, keep: number): void {
  const runs = existsSync(root)
    ? readdirSync(root)
        .filter((name) => name.startsWith('run-'))
        .map((name) => ({ path: join(root, name), mtime: statSync(join(root, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime)
    : [];
  for (const run of runs.slice(keep)) {
    // A run still going (another suite on this machine) keeps its servers' files.
    if (existsSync(join(run.path, 'postgres', 'data', 'postmaster.pid'))) continue;
    rmSync(run.path, { recursive: true, force: true });
  }
}

/** Settings the caller may give the app processes (deployment terms, secrets). */
const PASSED_THROUGH = [
  'JWT_SECRET',
  'JWT_SECRET_FILE',
  'JWT_SECRET_PREVIOUS',
  'PAYMENTS_WEBHOOK_SECRET',
  'PAYMENTS_WEBHOOK_SECRET_FILE',
  'CARRIER_WEBHOOK_SECRET',
  'CARRIER_POLL_INTERVAL_MS',
  'PLATFORM_FEE_BPS',
  'SHIP_BY_MS',
  'AUTO_CONFIRM_MS',
  'DISPUTE_WINDOW_MS',
  'PAYOUT_MIN_MINOR',
  'RATE_LIMIT_USER_PER_MINUTE',
  'RATE_LIMIT_IP_PER_MINUTE',
  'EMAIL_FROM',
  'EMAIL_PER_USER_PER_MINUTE',
  'OUTBOUND_WEBHOOK_ALLOW_CIDRS',
  'OUTBOUND_WEBHOOK_TIMEOUT_MS',
  'OUTBOUND_WEBHOOK_RETRY_INITIAL_MS',
  'METRICS_TOKEN',
  // Tracing (observability/tracing.ts): the standard OpenTelemetry variables.
  'OTEL_SDK_DISABLED',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_BSP_MAX_QUEUE_SIZE',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
] as const;

function passThrough(outer: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(PASSED_THROUGH.flatMap((k) => (outer[k] ? [[k, outer[k]]] : [])));
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}

/** The UI's origin under both loopback names (the codec server's CORS allows exactly these). */
function uiOrigins(uiUrl: string | undefined): string {
  if (!uiUrl) return '';
  const url = new URL(uiUrl);
  return [url.origin, `${url.protocol}//localhost:${url.port}`].join(',');
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
