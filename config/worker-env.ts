/** The workers' settings in the environment's schema (config/env.ts spreads them into its own). */
import { z } from 'zod';
import { ALL_TASK_QUEUES, type TaskQueue } from '../domain/task-queues.js';
import { commaList } from './comma-list.js';
import { optionalText } from './schema-parts.js';

export const workerShape = {
  WORKER_TASK_QUEUES: z
    .string()
    .default(ALL_TASK_QUEUES.join(','))
    .transform(commaList)
    .pipe(z.array(z.enum(ALL_TASK_QUEUES as [TaskQueue, ...TaskQueue[]])).min(1)),
  /**
   * Memory the `orders` worker gives its cached workflows; the count follows from it
   * (workers/workflow-cache.ts, ~1 MiB each). Escrows wait days between steps and replay cheaply
   * when evicted, so the cache need only hold the ones in flight. 0 turns the cache off.
   */
  WORKER_WORKFLOW_CACHE_MIB: z.coerce.number().min(0).default(150),
  /** An upper bound on that count, when set (0 turns the cache off). */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /**
   * `off` drops Node's per-call watchdog on calls into the workflow sandbox (workers/isolate-watchdog.mjs,
   * which reads it before this schema runs); `on`, the SDK's default, interrupts a stuck workflow.
   */
  WORKER_ISOLATE_WATCHDOG: z.enum(['on', 'off']).default('on'),
  /**
   * `on` records a stack trace for every promise a workflow makes, for the `__stack_trace` query (the
   * Temporal UI's Stack Trace tab): ~30% of the workflow thread's profile, so `off` unless debugging
   * (workers/isolate-watchdog.mjs, which reads it before this schema runs).
   */
  WORKER_WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
  /**
   * Worker Versioning (docs/adr/0010-workflow-versioning.md): the Worker Deployment this worker joins and
   * its build's id (e.g. the release's git commit). Both or neither; unset, the worker is unversioned.
   */
  WORKER_DEPLOYMENT_NAME: optionalText.pipe(
    z
      .string()
      .max(200)
      .regex(/^[^.:]+$/, 'no "." or ":" (Temporal joins name and build id with them)')
      .optional(),
  ),
  WORKER_BUILD_ID: optionalText.pipe(z.string().max(200).optional()),
  /**
   * A workflow bundle written by `npm run build` (workers/prebuilt-bundle.ts). Unset: a worker run from
   * dist/ loads dist's own, one run from source bundles the workflows at start-up.
   */
  WORKFLOW_BUNDLE_PATH: optionalText,
  /** host:port of the worker's Prometheus endpoint (SDK metrics and business counters), or `off`. */
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^(off|\S+:\d{1,5})$/, 'host:port (e.g. 127.0.0.1:9464) or off')
    .default('127.0.0.1:9464'),
};
