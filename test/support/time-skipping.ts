/**
 * A time-skipping environment on the official Java test server (scripts/temporal-test-server), with a
 * worker running the real workflows and the real activities against the run's PostgreSQL, Redis and
 * sandbox provider. Workers are torn down before the environment.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, Worker } from '@temporalio/worker';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createActivities } from '../../activities/index.js';
import { createDb } from '../../db/client.js';
import { ALL_TASK_QUEUES, SEARCH_ATTRIBUTES, TASK_QUEUES } from '../../domain/task-queues.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { testServerPath } from '../../scripts/stack/paths.js';
import { workflowsPath } from '../../workers/create-workers.js';
import { stack } from './stack.js';

let runtimeInstalled = false;

export async function startTimeSkipping() {
  if (!runtimeInstalled) {
    Runtime.install({
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
    });
    runtimeInstalled = true;
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  // The test server knows only the attributes registered on it, like a real cluster (3 = INT, 2 = KEYWORD).
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => [name, type === 'Int' ? 3 : 2]),
    ),
  });
  const { db, close: closeDb } = createDb(stack().env.DATABASE_URL!, { max: 8 });
  const redis = new Redis(stack().env.REDIS_URL!);
  const payments = createSandboxProvider({
    baseUrl: stack().sandboxUrl,
    apiKey: 'sk_test_escrowflow',
    timeoutMs: 5000,
  });
  const activities = createActivities({ db, redis, payments, log: pino({ level: 'silent' }) });
  const workers = await Promise.all(
    ALL_TASK_QUEUES.map((taskQueue) =>
      Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        activities,
        ...(taskQueue === TASK_QUEUES.orders && { workflowsPath }),
      }),
    ),
  );
  const running = workers.map((w) => w.run());
  return {
    env,
    db,
    payments,
    async stop() {
      for (const w of workers) w.shutdown();
      await Promise.all(running);
      await env.teardown();
      redis.disconnect();
      await closeDb();
    },
  };
}
