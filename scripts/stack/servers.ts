/**
 * The stack's first phases, the servers the apps need: PostgreSQL, Redis and Temporal, each the
 * private one or the one the environment names (DATABASE_URL, REDIS_URL, TEMPORAL_ADDRESS).
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StackLifecycle } from './lifecycle.js';
import { dataRoot } from './paths.js';
import { dropDatabase, ensureDatabase, startPostgres } from './postgres.js';
import { startRedis } from './redis.js';
import { startTemporal } from './temporal.js';
import { startTemporalCluster } from './temporal-cluster.js';
import { dropTemporalClusterDatabases, temporalClusterDatabases } from './temporal-cluster-db.js';

/** What every phase of one `startStack` shares. */
export interface StackRun {
  mode: 'dev' | 'test';
  dev: boolean;
  cluster: boolean;
  /** The caller's environment (`StackOptions.env`, else `process.env`). */
  outer: NodeJS.ProcessEnv;
  ports: {
    postgres: number;
    redis: number;
    temporal: number;
    temporalUi: number;
    sandbox: number;
    smtp: number;
    api: number;
    workerMetrics: number;
  };
  /** This run's directory (servers' data and logs) and its logs. */
  dir: string;
  logDir: string;
  versions: Record<string, string>;
  life: StackLifecycle;
  say: (line: string) => void;
}

/** PostgreSQL: the private server, or the one DATABASE_URL names (tests take a fresh database on it). */
export async function startDatabase(run: StackRun): Promise<string> {
  const { outer, dev, dir, life } = run;
  let databaseUrl: string;
  if (outer.DATABASE_URL && dev) {
    databaseUrl = outer.DATABASE_URL;
  } else {
    let serverUrl = outer.DATABASE_URL;
    if (!serverUrl) {
      await life.own('postgres', async () => {
        const pg = await startPostgres({ dir: join(dir, 'postgres'), port: run.ports.postgres });
        run.versions.postgres = pg.version;
        serverUrl = pg.url;
        return pg.process;
      });
    }
    const name = dev ? 'escrowflow' : `escrowflow_test_${Date.now().toString(36)}_${process.pid}`;
    databaseUrl = await ensureDatabase(serverUrl!, name);
    if (!dev) life.onStop(() => dropDatabase(databaseUrl));
  }
  if (!dev) {
    // Servers' data goes with the run; logs stay for a look after a failure (newest 3 runs kept).
    life.onStopLast(async () => {
      for (const sub of ['postgres', 'redis', 'temporal', 'sandbox', 'secrets']) {
        rmSync(join(dir, sub), { recursive: true, force: true });
      }
    });
    pruneOldRuns(join(dataRoot, 'test'), 3);
  }
  run.say(`postgres ready (${redact(databaseUrl)})`);
  return databaseUrl;
}

export async function startRedisServer(run: StackRun): Promise<string> {
  let redisUrl = run.outer.REDIS_URL;
  if (!redisUrl) {
    await run.life.own('redis', async () => {
      const redis = await startRedis({ dir: join(run.dir, 'redis'), port: run.ports.redis });
      run.versions.redis = redis.version;
      redisUrl = redis.url;
      return redis.process;
    });
  }
  run.say(`redis ready (${redisUrl})`);
  return redisUrl!;
}

/** Temporal: the CLI dev server, the official server on `databaseUrl`'s PostgreSQL, or TEMPORAL_ADDRESS's. */
export async function startTemporalServer(
  run: StackRun,
  databaseUrl: string,
): Promise<{ address: string; uiUrl?: string }> {
  const { outer, dev, ports, life } = run;
  let address = outer.TEMPORAL_ADDRESS;
  let uiUrl: string | undefined;
  if (!address) {
    const clusterDatabases = run.cluster ? temporalClusterDatabases(run.mode) : undefined;
    if (clusterDatabases && !dev)
      life.onStop(() => dropTemporalClusterDatabases(databaseUrl, clusterDatabases));
    await life.own('temporal', async () => {
      const common = {
        dir: join(run.dir, 'temporal'),
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
            logDir: run.logDir,
            shards: Number(outer.TEMPORAL_HISTORY_SHARDS ?? 4),
            internalPorts: dev ? 'fixed' : 'free',
            namespace: outer.TEMPORAL_NAMESPACE ?? 'default',
          })
        : await startTemporal(common);
      run.versions.temporal = temporal.version;
      address = temporal.address;
      uiUrl = temporal.uiUrl;
      return temporal.process;
    });
  }
  run.say(`temporal ready (${address})`);
  return { address: address!, uiUrl };
}

function pruneOldRuns(root: string, keep: number): void {
  const runs = existsSync(root)
    ? readdirSync(root)
        .filter((name) => name.startsWith('run-'))
        .map((name) => ({ path: join(root, name), mtime: statSync(join(root, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime)
    : [];
  for (const old of runs.slice(keep)) {
    // A run still going (another suite on this machine) keeps its servers' files.
    if (existsSync(join(old.path, 'postgres', 'data', 'postmaster.pid'))) continue;
    rmSync(old.path, { recursive: true, force: true });
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
