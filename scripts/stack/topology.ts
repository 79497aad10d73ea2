/**
 * How many app processes the stack runs: one worker serving every task queue ('combined', what
 * `npm start` and `npm test` run) or worker processes per task queue, each queue scaled by count; and
 * one API process, or N replicas behind a round-robin proxy on the API's port (docs/design.md "Scale").
 * Users pick it with ESCROWFLOW_WORKERS and ESCROWFLOW_API_REPLICAS; callers with StackOptions.
 */
import { ALL_TASK_QUEUES, type TaskQueue } from '../../domain/task-queues.js';

/** 'combined', or processes per queue: `{ orders: 2, payments: 2 }` (queues not named get 1). */
export type WorkerTopology = 'combined' | Partial<Record<TaskQueue, number>>;

/** A worker process of a per-queue topology, e.g. `worker-orders-2`; its log is `<name>.log`. */
export type QueueWorkerProcess = `worker-${TaskQueue}-${number}`;
/** An API replica behind the round-robin proxy, e.g. `api-2`. */
export type ApiReplicaProcess = `api-${number}`;
/** The app processes a stack may run besides the sandbox. */
export type AppProcess = 'worker' | 'api' | 'api-proxy' | QueueWorkerProcess | ApiReplicaProcess;

export const MAX_PER_QUEUE = 8;
export const MAX_API_REPLICAS = 8;

/**
 * ESCROWFLOW_WORKERS: unset, '' or `combined` → one process for every queue; `per-queue` → one
 * process per queue; `orders:2,payments:2,...` → that many per named queue, 1 for the others.
 */
export function parseWorkerTopology(text: string | undefined): WorkerTopology {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'combined') return 'combined';
  if (value === 'per-queue') return {};
  const counts: Partial<Record<TaskQueue, number>> = {};
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+):(\d+)$/.exec(part);
    const queue = match?.[1] as TaskQueue | undefined;
    const count = Number(match?.[2]);
    if (!queue || !ALL_TASK_QUEUES.includes(queue)) {
      throw new Error(
        `ESCROWFLOW_WORKERS: "${part}" is not <queue>:<count> with a queue of ${ALL_TASK_QUEUES.join(', ')} (or use combined / per-queue)`,
      );
    }
    if (!Number.isInteger(count) || count < 1 || count > MAX_PER_QUEUE) {
      throw new Error(
        `ESCROWFLOW_WORKERS: ${queue} needs 1 to ${MAX_PER_QUEUE} processes, not ${match?.[2]}`,
      );
    }
    if (counts[queue] !== undefined) throw new Error(`ESCROWFLOW_WORKERS: ${queue} named twice`);
    counts[queue] = count;
  }
  return counts;
}

/** ESCROWFLOW_API_REPLICAS: unset → 1 (no proxy). */
export function parseApiReplicas(text: string | undefined): number {
  const value = text?.trim() ?? '';
  if (value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_API_REPLICAS) {
    throw new Error(`ESCROWFLOW_API_REPLICAS: 1 to ${MAX_API_REPLICAS}, not "${value}"`);
  }
  return n;
}

export interface WorkerPlan {
  name: 'worker' | QueueWorkerProcess;
  queues: TaskQueue[];
}

/** The worker processes of a topology, in start order (the `orders` ones first: they build the bundle). */
export function workerPlan(topology: WorkerTopology): WorkerPlan[] {
  if (topology === 'combined') return [{ name: 'worker', queues: [...ALL_TASK_QUEUES] }];
  return ALL_TASK_QUEUES.flatMap((queue) =>
    Array.from({ length: topology[queue] ?? 1 }, (_, i) => ({
      name: `worker-${queue}-${i + 1}` as QueueWorkerProcess,
      queues: [queue],
    })),
  );
}

/** The API processes: `api` alone, or `api-1..N` behind `api-proxy`. */
export function apiPlan(replicas: number): Array<'api' | ApiReplicaProcess> {
  return replicas === 1 ? ['api'] : Array.from({ length: replicas }, (_, i) => `api-${i + 1}` as const);
}

/** A topology in the ESCROWFLOW_WORKERS form (for logs and reports). */
export function describeTopology(topology: WorkerTopology, apiReplicas: number): string {
  const workers =
    topology === 'combined'
      ? 'workers combined'
      : `workers ${ALL_TASK_QUEUES.map((q) => `${q}:${topology[q] ?? 1}`).join(',')}`;
  return `${workers}; api replicas ${apiReplicas}`;
}
