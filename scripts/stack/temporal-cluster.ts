/**
 * Cluster mode: the official Temporal server (frontend, history, matching and worker services in one
 * process) on the project's PostgreSQL, with `numHistoryShards` shards, and the official ui-server in
 * front of it. Both run from binaries that scripts/bootstrap.sh builds into the per-user cache and
 * from config templates kept in the repo (deploy/temporal/cluster.yaml, ui-server.yaml, with the
 * dynamic config of docs/design.md in dynamicconfig.yaml); what varies per run reaches them through their
 * environment, so nothing is written into the repo.
 *
 * The databases are created and migrated with Temporal's SQL tool; the namespace and the search
 * attributes of docs/design.md are registered over gRPC once the frontend serves, and the start returns
 * only when a visibility query naming every attribute succeeds (the frontend's caches have them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './paths.js';
import { type Managed, startProcess, waitFor } from './process.js';
import {
  frontendServing,
  registerNamespace,
  searchAttributesUsable,
  withConnection,
} from './temporal-cluster-admin.js';
import { SCHEMAS, setUpDatabase } from './temporal-cluster-db.js';

export { dropTemporalClusterDatabases, temporalClusterDatabases } from './temporal-cluster-db.js';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_UI_SERVER_VERSION = 'v2.42.1';

/** The Temporal server binary; `TEMPORAL_SERVER` overrides the cached build. */
export function temporalServerPath(): string {
  return (
    process.env.TEMPORAL_SERVER ?? join(cacheDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'server')
  );
}

/** Temporal's SQL schema tool; `TEMPORAL_SQL_TOOL` overrides the cached build. */
export function temporalSqlToolPath(): string {
  return process.env.TEMPORAL_SQL_TOOL ?? join(cacheDir, `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'sql');
}

/** The Temporal UI server; `TEMPORAL_UI_SERVER` overrides the cached build. */
export function temporalUiServerPath(): string {
  return (
    process.env.TEMPORAL_UI_SERVER ??
    join(cacheDir, `temporal-ui-server-${TEMPORAL_UI_SERVER_VERSION}`, 'server')
  );
}

const CONFIG_DIR = 'deploy/temporal'; // relative to --root (the repo)
const DYNAMIC_CONFIG = join(repoRoot, CONFIG_DIR, 'dynamicconfig.yaml');

/** The ports of the services besides the frontend's gRPC port (each one's gRPC and membership port). */
interface InternalPorts {
  FRONTEND_HTTP_PORT: number;
  FRONTEND_MEMBERSHIP_PORT: number;
  HISTORY_GRPC_PORT: number;
  HISTORY_MEMBERSHIP_PORT: number;
  MATCHING_GRPC_PORT: number;
  MATCHING_MEMBERSHIP_PORT: number;
  WORKER_GRPC_PORT: number;
  WORKER_MEMBERSHIP_PORT: number;
}

export interface TemporalClusterOptions {
  /** The cluster's own directory (the ports it picked); its data lives in PostgreSQL. */
  dir: string;
  /** Where `temporal-server.log` and `temporal-ui.log` go (default `dir`). */
  logDir?: string;
  /** Any URL on the PostgreSQL server to use (its user, password, host and port; the database is ignored). */
  pgUrl: string;
  /** The two databases (default `temporal`, `temporal_visibility`); created when missing. */
  databases?: { temporal: string; visibility: string };
  /** The frontend's gRPC port. */
  port: number;
  /** The ui-server's port (none: no UI). */
  uiPort?: number;
  /** The remote codec the UI calls to show decrypted payloads. */
  codecEndpoint?: string;
  /** History shards, fixed when the databases are first set up (default 4). */
  shards?: number;
  /**
   * `fixed`: the template's default ports (7234, 7235, 7239, 6933–6939, 7243), as `npm start` uses
   * fixed ports; `free` (tests): free ports, picked once and kept in `dir` for restarts.
   */
  internalPorts?: 'fixed' | 'free';
  namespace?: string;
}

export interface TemporalCluster {
  address: string;
  uiUrl?: string;
  /** The server and the ui-server as one process: stopping it stops both. */
  process: Managed;
  version: string;
  databases: { temporal: string; visibility: string };
}

export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const { server, sqlTool, uiServer } = binaries(Boolean(options.uiPort));
  const shards = options.shards ?? 4;
  if (!Number.isInteger(shards) || shards < 1)
    throw new Error(`history shards must be a positive integer, not ${options.shards}`);
  mkdirSync(options.dir, { recursive: true });
  const namespace = options.namespace ?? 'default';
  const databases = options.databases ?? { temporal: 'temporal', visibility: 'temporal_visibility' };

  await setUpDatabase(sqlTool, options.pgUrl, databases.temporal, SCHEMAS.temporal, options.dir);
  await setUpDatabase(sqlTool, options.pgUrl, databases.visibility, SCHEMAS.visibility, options.dir);

  const internal = options.internalPorts === 'free' ? await freeInternalPorts(options.dir) : undefined;
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? options.dir };
  const logFile = join(options.logDir ?? options.dir, 'temporal-server.log');
  const serverProc = startProcess(
    'temporal',
    server,
    ['--root', repoRoot, '--config', CONFIG_DIR, '--env', 'cluster', '--allow-no-auth', 'start'],
    { cwd: options.dir, env: serverEnv(options, base, shards, databases, internal), logFile },
  );
  const address = `127.0.0.1:${options.port}`;
  let uiProc: Managed | undefined;
  let historyShardCount = shards;
  try {
    await serverReady(serverProc, logFile, address, namespace);
    // The server keeps the count the databases were created with (and only logs a warning on another).
    ({ historyShardCount } = await withConnection(address, (c) => c.workflowService.getClusterInfo({})));
    if (uiServer && options.uiPort) {
      uiProc = await startUiServer(uiServer, options, options.uiPort, base, address, namespace);
    }
  } catch (err) {
    await uiProc?.stop();
    await serverProc.stop();
    throw err;
  }

  const ui = uiProc;
  // "temporal version 1.29.1", "Temporal UI version 2.42.1" → the numbers.
  const versionOf = (bin: string) => execFileSync(bin, ['--version']).toString().trim().split(' ').at(-1);
  const shardNote =
    historyShardCount === shards
      ? ''
      : `; ${shards} asked for, but the databases were created with this count`;
  const version = [
    `server ${versionOf(server)} (${historyShardCount} history shards${shardNote}, PostgreSQL)`,
    ...(uiServer ? [`ui-server ${versionOf(uiServer)}`] : []),
  ].join(', ');
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    version,
    databases,
    process: {
      ...serverProc,
      name: 'temporal',
      async stop(signal) {
        await ui?.stop(signal);
        await serverProc.stop(signal);
      },
    },
  };
}

/** The server, SQL tool and (when a UI is asked for) ui-server binaries, or an error naming how to get them. */
function binaries(withUi: boolean): { server: string; sqlTool: string; uiServer?: string } {
  const server = temporalServerPath();
  const sqlTool = temporalSqlToolPath();
  for (const [what, path, env] of [
    ['Temporal server', server, 'TEMPORAL_SERVER'],
    ['Temporal SQL tool', sqlTool, 'TEMPORAL_SQL_TOOL'],
  ] as const) {
    if (!existsSync(path))
      throw new Error(`${what} not found at ${path}: run scripts/bootstrap.sh --cluster or set ${env}`);
  }
  const uiServer = withUi ? temporalUiServerPath() : undefined;
  if (uiServer && !existsSync(uiServer))
    throw new Error(
      `Temporal ui-server not found at ${uiServer}: run scripts/bootstrap.sh --cluster or set TEMPORAL_UI_SERVER`,
    );
  return { server, sqlTool, uiServer };
}

/** The server's environment: the values deploy/temporal/cluster.yaml's template reads. */
function serverEnv(
  options: TemporalClusterOptions,
  base: { PATH: string; HOME: string },
  shards: number,
  databases: { temporal: string; visibility: string },
  internal: InternalPorts | undefined,
): NodeJS.ProcessEnv {
  const pg = new URL(options.pgUrl);
  return {
    ...base,
    LOG_LEVEL: 'warn',
    NUM_HISTORY_SHARDS: String(shards),
    POSTGRES_SEEDS: pg.hostname || '127.0.0.1',
    DB_PORT: pg.port || '5432',
    POSTGRES_USER: decodeURIComponent(pg.username),
    POSTGRES_PWD: decodeURIComponent(pg.password),
    DBNAME: databases.temporal,
    VISIBILITY_DBNAME: databases.visibility,
    FRONTEND_GRPC_PORT: String(options.port),
    DYNAMIC_CONFIG_FILE_PATH: DYNAMIC_CONFIG,
    ...(internal && Object.fromEntries(Object.entries(internal).map(([k, v]) => [k, String(v)]))),
  };
}

/** Until the frontend serves, `namespace` is registered and its search attributes are usable. */
async function serverReady(serverProc: Managed, logFile: string, address: string, namespace: string) {
  await waitFor('temporal cluster frontend', () => frontendServing(address), {
    process: serverProc,
    logFile,
    timeoutMs: 120_000,
  });
  await waitFor('temporal cluster namespace', () => registerNamespace(address, namespace), {
    process: serverProc,
    logFile,
    timeoutMs: 60_000,
  });
  await waitFor('temporal cluster search attributes', () => searchAttributesUsable(address, namespace), {
    process: serverProc,
    logFile,
    timeoutMs: 60_000,
  });
}

/** The ui-server in front of the frontend at `address`, with the API's codec endpoint; waits until it serves. */
async function startUiServer(
  uiServer: string,
  options: TemporalClusterOptions,
  uiPort: number,
  base: { PATH: string; HOME: string },
  address: string,
  namespace: string,
): Promise<Managed> {
  const uiUrl = `http://127.0.0.1:${uiPort}`;
  const uiLog = join(options.logDir ?? options.dir, 'temporal-ui.log');
  const uiProc = startProcess(
    'temporal-ui',
    uiServer,
    ['--root', repoRoot, '--config', CONFIG_DIR, '--env', 'ui-server', 'start'],
    {
      cwd: options.dir,
      logFile: uiLog,
      env: {
        ...base,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_UI_PORT: String(uiPort),
        TEMPORAL_DEFAULT_NAMESPACE: namespace,
        TEMPORAL_CORS_ORIGINS: `${uiUrl},http://localhost:${uiPort}`,
        TEMPORAL_CODEC_ENDPOINT: options.codecEndpoint ?? '',
      },
    },
  );
  try {
    await waitFor('temporal ui-server', () => httpOk(`${uiUrl}/healthz`), {
      process: uiProc,
      logFile: uiLog,
      timeoutMs: 30_000,
    });
  } catch (err) {
    await uiProc.stop();
    throw err;
  }
  return uiProc;
}

/**
 * Free ports for the services' gRPC and membership ports, kept in `dir` so a restart reuses them.
 * Below 32768: PostgreSQL keeps the membership port in a SMALLINT column (`cluster_membership.rpc_port`),
 * so the kernel's ephemeral ports (32768–60999 here) make the server exit at start.
 */
async function freeInternalPorts(dir: string): Promise<InternalPorts> {
  const file = join(dir, 'ports.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as InternalPorts;
  const taken = new Set<number>();
  const pick = async () => {
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (!taken.has(port) && (await canListen(port))) {
        taken.add(port);
        return port;
      }
    }
  };
  const ports: InternalPorts = {
    FRONTEND_HTTP_PORT: await pick(),
    FRONTEND_MEMBERSHIP_PORT: await pick(),
    HISTORY_GRPC_PORT: await pick(),
    HISTORY_MEMBERSHIP_PORT: await pick(),
    MATCHING_GRPC_PORT: await pick(),
    MATCHING_MEMBERSHIP_PORT: await pick(),
    WORKER_GRPC_PORT: await pick(),
    WORKER_MEMBERSHIP_PORT: await pick(),
  };
  writeFileSync(file, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}
