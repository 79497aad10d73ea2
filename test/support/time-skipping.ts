/**
 * A time-skipping environment on the official Java test server (scripts/temporal-test-server), with a
 * worker running the real workflows and the real activities against the run's PostgreSQL, Redis and
 * sandbox provider. Workers are torn down before the environment.
 *
 * Tests that wait on more than one workflow's timers take a fresh environment each (beforeEach): the
 * Java test server stops skipping time for good once an activity or child outlives its workflow
 * (test/kit/kit.ts `restoreTimeSkipping`), and a server costs about a second to start.
 */
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { failureInterceptor } from '../../activities/failure-interceptor.js';
import { activitiesFor } from '../../activities/queues.js';
import type { CarrierProvider } from '../../carriers/provider.js';
import { createDb } from '../../db/client.js';
import { ALL_TASK_QUEUES, TASK_QUEUES, type TaskQueue } from '../../domain/task-queues.js';
import { startOutboxDispatcher } from '../../workers/outbox-dispatcher.js';
import { startTestServer, workflowBundleOnce } from '../kit/server.js';
import { sandboxPayments, stackActivities } from './activities.js';
import { stack } from './stack.js';

/**
 * `carriers` replaces the stack's sandbox carrier, e.g. to watch or script what the workflow's polls
 * see; `taskQueues` leaves the other queues without a worker, so a workflow waits at their activities;
 * `wrapActivities` injects a fault around the real activities (a write that fails at one step).
 */
export async function startTimeSkipping(
  options: {
    carriers?: CarrierProvider;
    taskQueues?: readonly string[];
    wrapActivities?: (real: ReturnType<typeof stackActivities>) => ReturnType<typeof stackActivities>;
  } = {},
) {
  const env = await startTestServer();
  const { db, sql, close: closeDb } = createDb(stack().env.DATABASE_URL!, { max: 8 });
  const redis = new Redis(stack().env.REDIS_URL!);
  const payments = sandboxPayments();
  const real = stackActivities(db, redis, payments, options.carriers);
  const activities = options.wrapActivities ? options.wrapActivities(real) : real;
  const workflowBundle = await workflowBundleOnce();
  const queues: readonly string[] = options.taskQueues ?? ALL_TASK_QUEUES;
  const startWorkers = async () => {
    const workers = await Promise.all(
      queues.map((taskQueue) =>
        Worker.create({
          connection: env.nativeConnection,
          taskQueue,
          activities: activitiesFor(activities, taskQueue as TaskQueue),
          interceptors: { activity: [failureInterceptor] },
          ...(taskQueue === TASK_QUEUES.orders && { workflowBundle }),
        }),
      ),
    );
    // Status changes write notifications to the outbox: the notifications worker delivers them.
    const outbox = queues.includes(TASK_QUEUES.notifications)
      ? startOutboxDispatcher({ db, sql, deliver: activities.notify, log: console, idleMs: 200 })
      : undefined;
    return { workers, outbox, running: workers.map((w) => w.run()) };
  };
  let current = await startWorkers();
  const stopWorkers = async () => {
    for (const w of current.workers) w.shutdown();
    await Promise.all(current.running);
    await current.outbox?.stop();
  };
  return {
    env,
    /**
     * A client whose waits do not skip time. `env.client` unlocks skipping for the whole server while
     * it awaits a result, so awaiting a purchase would also fast-forward the escrow child it started.
     */
    steadyClient: new Client({ connection: env.connection, namespace: env.namespace ?? 'default' }),
    db,
    payments,
    /** A worker crash and restart: the old workers stop (in-flight activities are abandoned), new ones take over. */
    async restartWorkers() {
      await stopWorkers();
      current = await startWorkers();
    },
    async stop() {
      await stopWorkers();
      await env.teardown();
      redis.disconnect();
      await closeDb();
    },
  };
}

export type TimeSkipping = Awaited<ReturnType<typeof startTimeSkipping>>;

/** A fresh environment for each test of the calling file; the returned object is filled before each. */
export function timeSkippingPerTest(options: Parameters<typeof startTimeSkipping>[0] = {}): TimeSkipping {
  const ts = {} as TimeSkipping;
  beforeEach(async () => {
    Object.assign(ts, await startTimeSkipping(options));
  });
  afterEach(async () => {
    await ts.stop?.();
  });
  return ts;
}
