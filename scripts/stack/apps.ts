/**
 * The stack's worker and API processes in the topology asked for (scripts/stack/topology.ts): one
 * worker for every task queue, or processes per queue (`worker-<queue>-<n>`, each with its own
 * WORKER_TASK_QUEUES, Prometheus port and log file); one API, or replicas (`api-<n>`) on ports of
 * their own behind the round-robin proxy (`api-proxy`, scripts/api-proxy.ts) on the stack's API port.
 *
 * The proxy is a managed process rather than a server inside the stack's own process: it is the same
 * kind of separate process a deployment's load balancer is, it can be restarted or killed like any other process, and the
 * process hosting the stack (vitest's main process, `npm start`) stays out of the request path.
 *
 * A worker counts as ready when the Temporal server lists a poller with its process id (the SDK's
 * default identity is `<pid>@<host>`) on every queue it serves, so a restarted worker is not mistaken
 * for the one it replaces.
 */
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { parseTemporalEnv } from '../../config/env.js';
import { temporalConnectionOptions } from '../../config/temporal-connection.js';
import { TASK_QUEUES, type TaskQueue } from '../../domain/task-queues.js';
import type { StackProcess } from './index.js';
import { freePort, type Managed, waitFor } from './process.js';
import { type AppProcess, apiPlan, describeTopology, type WorkerTopology, workerPlan } from './topology.js';

export interface AppsContext {
  mode: 'dev' | 'test';
  topology: WorkerTopology;
  apiReplicas: number;
  /** The stack's settings for the app processes (TEMPORAL_*, API_HOST, WORKER_METRICS_ADDRESS, ...). */
  env: Record<string, string>;
  apiPort: number;
  logDir: string;
  processes: Partial<Record<StackProcess, Managed>>;
  run(name: AppProcess, entry: string, extra?: Record<string, string>): Managed;
  /** Starts a process through `start` (awaited) and remembers how, for `restart`. */
  own(name: AppProcess, start: () => Promise<Managed>): Promise<Managed>;
  /** Records a process already started, and how to start it again. */
  adopt(name: AppProcess, proc: Managed, again: () => Promise<Managed>): void;
  onStop(cleanup: () => Promise<void>): void;
}

export interface Apps {
  /** Every worker's Prometheus endpoint (`…/metrics`), in process order; empty when metrics are off. */
  workerMetricsUrls: string[];
  /** Each API process's own URL (the replicas' behind the proxy): per-process reads such as /metrics. */
  apiUrls: string[];
  /** Names kept for callers written for one worker and one API: `worker` → `worker-orders-1`, `api` → `api-1`. */
  aliases: Partial<Record<StackProcess, StackProcess>>;
  summary: string;
}

export async function startApps(ctx: AppsContext): Promise<Apps> {
  const temporal = readinessConnection(ctx.env);
  ctx.onStop(() => temporal.close());
  const namespace = ctx.env.TEMPORAL_NAMESPACE ?? 'default';
  const workers = workerPlan(ctx.topology);
  const split = ctx.topology !== 'combined';

  // Workers first and awaited last: their workflow bundles build while the API starts.
  const metrics = await workerMetricsAddresses(ctx, workers.length);
  const pending: Array<{ name: AppProcess; proc: Managed; ready: (proc: Managed) => Promise<void> }> = [];
  for (const [i, plan] of workers.entries()) {
    const extra: Record<string, string> = {
      WORKER_METRICS_ADDRESS: metrics[i]!,
      ...(split && { WORKER_TASK_QUEUES: plan.queues.join(',') }),
    };
    const start = () => ctx.run(plan.name, 'workers/main.ts', extra);
    const ready = (proc: Managed) =>
      waitFor(plan.name, () => temporal.polling(namespace, proc, plan.queues), {
        process: proc,
        logFile: `${ctx.logDir}/${plan.name}.log`,
        // Many workers at once share two cores while their bundles build.
        timeoutMs: split ? 180_000 : 90_000,
      });
    const proc = start();
    ctx.adopt(plan.name, proc, async () => {
      const again = start();
      await stopIfFails(again, ready(again));
      return again;
    });
    pending.push({ name: plan.name, proc, ready });
  }

  const apis = apiPlan(ctx.apiReplicas);
  const apiHost = ctx.env.API_HOST ?? '127.0.0.1';
  const replicaPorts: number[] = [];
  const apiUrls: string[] = [];
  for (const name of apis) {
    const replica = name !== 'api';
    // Replicas listen on loopback ports of their own; the proxy takes the API's port and address.
    const port = replica ? await freePort() : ctx.apiPort;
    if (replica) replicaPorts.push(port);
    const url = `http://127.0.0.1:${port}`;
    apiUrls.push(url);
    await ctx.own(name, async () => {
      const api = ctx.run(name, 'api/main.ts', {
        API_PORT: String(port),
        ...(replica && {
          API_HOST: '127.0.0.1',
          // The proxy appends the client's address to X-Forwarded-For: limits stay per client.
          TRUSTED_PROXY_HOPS: String(Number(ctx.env.TRUSTED_PROXY_HOPS ?? 0) + 1),
        }),
      });
      await stopIfFails(
        api,
        waitFor(name, () => httpOk(`${url}/readyz`), {
          process: api,
          logFile: `${ctx.logDir}/${name}.log`,
          timeoutMs: 60_000,
        }),
      );
      return api;
    });
  }
  if (replicaPorts.length > 0) {
    const targets = replicaPorts.map((port) => `127.0.0.1:${port}`);
    await ctx.own('api-proxy', async () => {
      const proxy = ctx.run('api-proxy', 'scripts/api-proxy.ts', {
        PROXY_HOST: apiHost,
        PROXY_PORT: String(ctx.apiPort),
        PROXY_TARGETS: targets.join(','),
      });
      await stopIfFails(
        proxy,
        waitFor('api-proxy', () => httpOk(`http://127.0.0.1:${ctx.apiPort}/readyz`), {
          process: proxy,
          logFile: `${ctx.logDir}/api-proxy.log`,
        }),
      );
      return proxy;
    });
  }

  for (const { proc, ready } of pending) await ready(proc);

  const aliases: Apps['aliases'] = {};
  if (split) aliases.worker = workers[0]!.name;
  if (apis.length > 1) aliases.api = apis[0]!;
  for (const [alias, target] of Object.entries(aliases) as Array<[StackProcess, StackProcess]>) {
    // Not enumerable: whoever walks every process (the chaos watchdog) sees each one once.
    Object.defineProperty(ctx.processes, alias, {
      get: () => ctx.processes[target],
      enumerable: false,
      configurable: true,
    });
  }
  return {
    workerMetricsUrls: metrics.filter((m) => m !== 'off').map((m) => `http://${m}/metrics`),
    apiUrls,
    aliases,
    summary: `${describeTopology(ctx.topology, ctx.apiReplicas)} (${workers.length + apis.length + (apis.length > 1 ? 1 : 0)} processes)`,
  };
}

/** One Prometheus bind address per worker process: the stack's first, then the next ports (dev) or free ones. */
async function workerMetricsAddresses(ctx: AppsContext, count: number): Promise<string[]> {
  const first = ctx.env.WORKER_METRICS_ADDRESS ?? 'off';
  if (first === 'off') return Array(count).fill('off');
  const [host, port] = [first.replace(/:\d+$/, ''), Number(/:(\d+)$/.exec(first)?.[1])];
  const out = [first];
  for (let i = 1; i < count; i++) out.push(`${host}:${ctx.mode === 'dev' ? port + i : await freePort()}`);
  return out;
}

/** The stack's own connection for readiness checks, with the same TEMPORAL_* settings the apps get. */
function readinessConnection(env: Record<string, string>) {
  const options: ConnectionOptions = temporalConnectionOptions(parseTemporalEnv(env)).client;
  let connection: Promise<Connection> | undefined;
  const connected = () => {
    connection ??= Connection.connect({ ...options, connectTimeout: 2_000 }).catch((err) => {
      connection = undefined;
      throw err;
    });
    return connection;
  };
  return {
    /** Whether `proc` polls every queue in `queues` (workflow tasks too on `orders`). */
    async polling(namespace: string, proc: Managed, queues: TaskQueue[]): Promise<boolean> {
      const pid = proc.child.pid;
      if (pid === undefined) return false;
      const service = (await connected()).workflowService;
      const kinds = queues.flatMap((queue) => [
        ...(queue === TASK_QUEUES.orders ? [{ queue, type: 1 }] : []), // workflow
        { queue, type: 2 }, // activity
      ]);
      const answers = await Promise.all(
        kinds.map(({ queue, type }) =>
          service.describeTaskQueue({ namespace, taskQueue: { name: queue }, taskQueueType: type }),
        ),
      );
      return answers.every((res) => (res.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`)));
    },
    async close() {
      const open = connection;
      connection = undefined;
      await (await open?.catch(() => undefined))?.close();
    },
  };
}

/** A process that never got ready is not left running: the stack only stops what it has recorded. */
async function stopIfFails(proc: Managed, ready: Promise<void>): Promise<void> {
  try {
    await ready;
  } catch (err) {
    await proc.stop('SIGKILL').catch(() => {});
    throw err;
  }
}

async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return res.ok;
}

/**
 * TEMPORAL_TLS* and TEMPORAL_API_KEY(_FILE) for the app processes: the caller's when Temporal is
 * theirs (a remote cluster, Temporal Cloud), blank when the stack runs its own server, so settings
 * meant for elsewhere in the caller's shell cannot reach the local server.
 */
export function temporalSecuritySettings(
  outer: NodeJS.ProcessEnv,
  ownServer: boolean,
): Record<string, string> {
  const names = [
    'TEMPORAL_TLS',
    'TEMPORAL_TLS_CERT',
    'TEMPORAL_TLS_KEY',
    'TEMPORAL_TLS_CA',
    'TEMPORAL_TLS_SERVER_NAME',
    'TEMPORAL_API_KEY',
    'TEMPORAL_API_KEY_FILE',
  ];
  return Object.fromEntries(names.map((name) => [name, ownServer ? '' : (outer[name] ?? '')]));
}
