/**
 * One Worker per task queue this process serves. The workflow bundle is built once (at start-up, or
 * by `npm run build`: workers/prebuilt-bundle.ts) and only the `orders` queue runs workflows; every
 * queue can also run in a process of its own.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter, WorkerDeploymentVersion } from '@temporalio/common';
import {
  type ActivityInterceptorsFactory,
  bundleWorkflowCode,
  type NativeConnection,
  type WorkerOptions as TemporalWorkerOptions,
  Worker,
  type WorkflowBundleOption,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { Activities } from '../activities/index.js';
import { activitiesFor } from '../activities/queues.js';
import { TASK_QUEUES, type TaskQueue } from '../domain/task-queues.js';
import { workerDeploymentOptions } from './deployment.js';
import { WORKFLOW_TASK_SLOTS } from './workflow-cache.js';

// The bundle's entry beside this module's own kind: workflows/index.ts from source, .js in dist/.
const ownExtension = extname(fileURLToPath(import.meta.url));
export const workflowsPath = fileURLToPath(new URL(`../workflows/index${ownExtension}`, import.meta.url));

/** `workflowInterceptorModules`: e.g. the OpenTelemetry workflow interceptors when tracing is on. */
export async function buildWorkflowBundle(
  options: { workflowInterceptorModules?: string[] } = {},
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: options.workflowInterceptorModules,
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
}

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueues: readonly TaskQueue[];
  activities: Activities;
  /** Required when `taskQueues` has `orders` (the only queue that runs workflows): code, or a prebuilt file. */
  workflowBundle?: WorkflowBundleOption;
  /** The provider's rate limit, enforced by the server for all workers of the payments queue. */
  paymentsRatePerSecond?: number;
  /** The payload codec (codec/data-converter.ts): the same on every worker and client. */
  dataConverter?: DataConverter;
  /** Activity interceptors (observability/: log fields, tracing). */
  activityInterceptors?: ActivityInterceptorsFactory[];
  /** Workflows kept in memory (workers/workflow-cache.ts: WORKER_WORKFLOW_CACHE_MIB). */
  maxCachedWorkflows?: number;
  /** Injected sinks, e.g. the exporter of workflow spans when tracing is on. */
  sinks?: TemporalWorkerOptions['sinks'];
  /** The Worker Deployment Version of this process (workers/deployment.ts); unset, unversioned. */
  deployment?: WorkerDeploymentVersion;
}

export async function createWorkers(options: WorkerOptions): Promise<Worker[]> {
  if (options.taskQueues.includes(TASK_QUEUES.orders) && !options.workflowBundle) {
    throw new Error('createWorkers: the orders queue runs workflows and needs a workflowBundle');
  }
  return Promise.all(
    options.taskQueues.map((taskQueue) =>
      Worker.create({
        connection: options.connection,
        namespace: options.namespace,
        taskQueue,
        // Only this queue's group: an activity scheduled on the wrong queue fails loudly, never
        // runs around the queue's limits (activities/queues.ts).
        activities: activitiesFor(options.activities, taskQueue),
        dataConverter: options.dataConverter,
        interceptors: { activity: options.activityInterceptors ?? [] },
        sinks: options.sinks,
        workerDeploymentOptions: workerDeploymentOptions(options.deployment),
        // Sized for 2 cores (docs/temporal-notes.md); activity slots stay below the PostgreSQL pool.
        maxConcurrentActivityTaskExecutions: 8,
        ...(taskQueue === TASK_QUEUES.payments &&
          options.paymentsRatePerSecond && {
            maxTaskQueueActivitiesPerSecond: options.paymentsRatePerSecond,
          }),
        ...(taskQueue === TASK_QUEUES.orders && {
          workflowBundle: options.workflowBundle,
          reuseV8Context: true,
          maxConcurrentWorkflowTaskExecutions: WORKFLOW_TASK_SLOTS,
          maxCachedWorkflows: options.maxCachedWorkflows ?? 200,
        }),
      }),
    ),
  );
}
