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
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import postgres from 'postgres';
import { SEARCH_ATTRIBUTES } from '../../domain/task-queues.js';
import { cacheDir, repoRoot } from './paths.js';
import { type Managed, startProcess, waitFor } from './process.js';

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
/** The schemas embedded in the SQL tool (the same files as the module's schema/ directory). */
const SCHEMAS = { temporal: 'postgresql/v12/temporal', visibility: 'postgresql/v12/visibility' } as const;

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
  const server = temporalServerPath();
  const sqlTool = temporalSqlToolPath();
  for (const [what, path, env] of [
    ['Temporal server', server, 'TEMPORAL_SERVER'],
    ['Temporal SQL tool', sqlTool, 'TEMPORAL_SQL_TOOL'],
  ] as const) {
    if (!existsSync(path))
      throw new Error(`${what} not found at ${path}: run scripts/bootstrap.sh --cluster or set ${env}`);
  }
  const uiServer = options.uiPort ? temporalUiServerPath() : undefined;
  if (uiServer && !existsSync(uiServer))
    throw new Error(
      `Temporal ui-server not found at ${uiServer}: run scripts/bootstrap.sh --cluster or set TEMPORAL_UI_SERVER`,
    );
  const shards = options.shards ?? 4;
  if (!Number.isInteger(shards) || shards < 1)
    throw new Error(`history shards must be a positive integer, not ${options.shards}`);
  mkdirSync(options.dir, { recursive: true });
  const namespace = options.namespace ?? 'default';
  const databases = options.databases ?? { temporal: 'temporal', visibility: 'temporal_visibility' };
  const pg = new URL(options.pgUrl);
  const pgHost = pg.hostname || '127.0.0.1';
  const pgPort = pg.port || '5432';
  const pgUser = decodeURIComponent(pg.username);
  const pgPassword = decodeURIComponent(pg.password);

  await setUpDatabase(sqlTool, options.pgUrl, databases.temporal, SCHEMAS.temporal, options.dir);
  await setUpDatabase(sqlTool, options.pgUrl, databases.visibility, SCHEMAS.visibility, options.dir);

  const internal = options.internalPorts === 'free' ? await freeInternalPorts(options.dir) : undefined;
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? options.dir };
  const serverEnv: NodeJS.ProcessEnv = {
    ...base,
    LOG_LEVEL: 'warn',
    NUM_HISTORY_SHARDS: String(shards),
    POSTGRES_SEEDS: pgHost,
    DB_PORT: pgPort,
    POSTGRES_USER: pgUser,
    POSTGRES_PWD: pgPassword,
    DBNAME: databases.temporal,
    VISIBILITY_DBNAME: databases.visibility,
    FRONTEND_GRPC_PORT: String(options.port),
    DYNAMIC_CONFIG_FILE_PATH: DYNAMIC_CONFIG,
    ...(internal && Object.fromEntries(Object.entries(internal).map(([k, v]) => [k, String(v)]))),
  };
  const logFile = join(options.logDir ?? options.dir, 'temporal-server.log');
  const serverProc = startProcess(
    'temporal',
    server,
    ['--root', repoRoot, '--config', CONFIG_DIR, '--env', 'cluster', '--allow-no-auth', 'start'],
    { cwd: options.dir, env: serverEnv, logFile },
  );
  const address = `127.0.0.1:${options.port}`;
  let uiProc: Managed | undefined;
  let historyShardCount = shards;
  try {
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

    // The server keeps the count the databases were created with (and only logs a warning on another).
    ({ historyShardCount } = await withConnection(address, (c) => c.workflowService.getClusterInfo({})));

    if (uiServer && options.uiPort) {
      const uiUrl = `http://127.0.0.1:${options.uiPort}`;
      const uiLog = join(options.logDir ?? options.dir, 'temporal-ui.log');
      uiProc = startProcess(
        'temporal-ui',
        uiServer,
        ['--root', repoRoot, '--config', CONFIG_DIR, '--env', 'ui-server', 'start'],
        {
          cwd: options.dir,
          logFile: uiLog,
          env: {
            ...base,
            TEMPORAL_ADDRESS: address,
            TEMPORAL_UI_PORT: String(options.uiPort),
            TEMPORAL_DEFAULT_NAMESPACE: namespace,
            TEMPORAL_CORS_ORIGINS: `${uiUrl},http://localhost:${options.uiPort}`,
            TEMPORAL_CODEC_ENDPOINT: options.codecEndpoint ?? '',
          },
        },
      );
      await waitFor('temporal ui-server', () => httpOk(`${uiUrl}/healthz`), {
        process: uiProc,
        logFile: uiLog,
        timeoutMs: 30_000,
      });
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
      name: 'temporal',
      child: serverProc.child,
      async stop(signal) {
        await ui?.stop(signal);
        await serverProc.stop(signal);
      },
    },
  };
}

/**
 * The cluster's two databases: `temporal` and `temporal_visibility` for `npm run start:cluster`, names
 * of their own for each test run (like the app's test database), dropped by `dropTemporalClusterDatabases`.
 */
export function temporalClusterDatabases(mode: 'dev' | 'test'): { temporal: string; visibility: string } {
  if (mode === 'dev') return { temporal: 'temporal', visibility: 'temporal_visibility' };
  const run = `${Date.now().toString(36)}_${process.pid}`;
  return { temporal: `temporal_test_${run}`, visibility: `temporal_visibility_test_${run}` };
}

export async function dropTemporalClusterDatabases(
  pgUrl: string,
  databases: { temporal: string; visibility: string },
): Promise<void> {
  const url = new URL(pgUrl);
  url.pathname = '/postgres';
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    for (const name of [databases.temporal, databases.visibility]) {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
    }
  } finally {
    await sql.end();
  }
}

/**
 * Creates `database` when missing and brings its schema to the tool's newest version (a no-op when
 * it is there already): `setup-schema -v 0.0` makes the version tables, `update-schema` the rest.
 */
async function setUpDatabase(
  sqlTool: string,
  pgUrl: string,
  database: string,
  schema: string,
  dir: string,
): Promise<void> {
  const url = new URL(pgUrl);
  const connection = [
    '--plugin',
    'postgres12',
    '--ep',
    url.hostname || '127.0.0.1',
    '-p',
    url.port || '5432',
    '-u',
    decodeURIComponent(url.username),
    '--pw',
    decodeURIComponent(url.password),
    '--db',
    database,
  ];
  const run = (args: string[]) => {
    try {
      execFileSync(sqlTool, [...connection, ...args], { cwd: dir, stdio: 'pipe' });
    } catch (err) {
      const out = err as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(
        `temporal sql tool ${args[0]} ${database} failed:\n${out.stderr?.toString() ?? ''}${out.stdout?.toString() ?? ''}`,
      );
    }
  };
  if (!(await databaseExists(pgUrl, database))) run(['create-database', '--defaultdb', 'postgres']);
  run(['setup-schema', '-v', '0.0']);
  run(['update-schema', '--schema-name', `${schema}`]);
}

async function databaseExists(pgUrl: string, name: string): Promise<boolean> {
  const url = new URL(pgUrl);
  url.pathname = '/postgres';
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 from pg_database where datname = ${name}`;
    return Boolean(row);
  } finally {
    await sql.end();
  }
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

async function withConnection<T>(address: string, fn: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}

/** The frontend answers for the system namespace (its history and matching services are up). */
function frontendServing(address: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    const health = await connection.healthService.check({
      service: 'temporal.api.workflowservice.v1.WorkflowService',
    });
    if (health.status !== proto.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING) return false;
    await connection.workflowService.describeNamespace({ namespace: 'temporal-system' });
    return true;
  });
}

/** Registers `namespace` (one day of retention, like the dev server) and the attributes of docs/design.md. */
function registerNamespace(address: string, namespace: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    const exists = await connection.workflowService
      .describeNamespace({ namespace })
      .then(() => true)
      .catch(() => false);
    if (!exists) {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs('1 day'),
      });
    }
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !(name in (customAttributes ?? {})));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map(([name, type]) => [
            name,
            type === 'Int'
              ? proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT
              : proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          ]),
        ),
      });
    }
    return true;
  });
}

/**
 * A new namespace and its attributes reach the frontend's caches some seconds after registration:
 * until a visibility query naming every attribute succeeds, starting a workflow could still fail.
 */
function searchAttributesUsable(address: string, namespace: string): Promise<boolean> {
  return withConnection(address, async (connection) => {
    const query = Object.entries(SEARCH_ATTRIBUTES)
      .map(([name, type]) => (type === 'Int' ? `${name} = 0` : `${name} = 'probe'`))
      .join(' AND ');
    await connection.workflowService.listWorkflowExecutions({ namespace, query, pageSize: 1 });
    return true;
  });
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}
