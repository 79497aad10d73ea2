/** Timeouts, retry presets and task-queue routing of every activity, in one place. */
import {
  ActivityCancellationType,
  type ActivityOptions,
  type LocalActivityOptions,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type { ActivityGroups } from '../activities/queues.js';
import { FAILURE_TYPES, SELLER_WEBHOOK_FAILURES } from '../domain/failures.js';
import { SELLER_WEBHOOK_RETRY } from '../domain/seller-webhooks.js';
import { TASK_QUEUES, type TaskQueue } from '../domain/task-queues.js';

/** Options that name their queue: `activitiesOn` types the proxy by that queue's activities. */
export type QueueOptions<Q extends TaskQueue> = ActivityOptions & { taskQueue: Q };

/** The activities a workflow may schedule with `options`: those its queue's workers register. */
export function activitiesOn<Q extends TaskQueue>(options: QueueOptions<Q>) {
  return proxyActivities<ActivityGroups[Q]>(options);
}

/** Local activities run on the worker that runs the workflow: the `orders` queue's. */
export function localActivities(options: LocalActivityOptions) {
  return proxyLocalActivities<ActivityGroups['orders']>(options);
}

const nonRetryableErrorTypes = Object.values(FAILURE_TYPES);

/** Short PostgreSQL steps: fast retries, they only fail on connection trouble. */
export const databaseStep: QueueOptions<'orders'> = {
  taskQueue: TASK_QUEUES.orders,
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '100 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    nonRetryableErrorTypes,
  },
};

/** Gathering a person's data export: many reads, one write; a long history takes longer than a step. */
export const exportStep: QueueOptions<'orders'> = { ...databaseStep, startToCloseTimeout: '5 minutes' };

export const ledgerStep: QueueOptions<'ledger'> = { ...databaseStep, taskQueue: TASK_QUEUES.ledger };

/**
 * The same short steps as local activities: run by the worker that runs the workflow, recorded as a
 * marker, with no task-queue round trip and no activity task on the server (docs/temporal-notes.md).
 */
export const localDatabaseStep: LocalActivityOptions = {
  startToCloseTimeout: databaseStep.startToCloseTimeout,
  retry: databaseStep.retry,
};

/** Provider calls: slower, rate limited upstream, retried with backoff for as long as it takes. */
export const providerCall: QueueOptions<'payments'> = {
  taskQueue: TASK_QUEUES.payments,
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes,
  },
};

/**
 * The same provider calls on the `orders` queue, the workflow's own: eligible for eager dispatch
 * (docs/temporal-notes.md). The provider's rate limit then is the circuit breaker's and the worker's
 * activity slots, not the payments queue's server-side limit, which eager dispatch skips anyway.
 */
export const providerCallOnOrdersQueue: QueueOptions<'orders'> = {
  ...providerCall,
  taskQueue: TASK_QUEUES.orders,
};

export const notificationStep: QueueOptions<'notifications'> = {
  ...databaseStep,
  taskQueue: TASK_QUEUES.notifications,
};

/**
 * Carrier calls (tracker registration, tracking polls) on their own queue. Bounded: an order never
 * waits on the carrier, so after 5 minutes of retries the workflow goes on without an answer; the next
 * poll asks again and the auto-confirm deadline covers a carrier that never answers. A call the
 * workflow stops waiting for (a party acted first) is abandoned, not cancelled: it is an idempotent
 * registration or a read, and a cancel request racing its completion would only add work.
 */
export const carrierCall: QueueOptions<'carriers'> = {
  taskQueue: TASK_QUEUES.carriers,
  cancellationType: ActivityCancellationType.ABANDON,
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes,
  },
};

/**
 * One look at a transfer in the payout's tracking loop: transient provider errors are retried for up
 * to 10 minutes, then the round is given up and the loop's next round asks again.
 */
export const transferCheck: QueueOptions<'payments'> = {
  ...providerCall,
  scheduleToCloseTimeout: '10 minutes',
};

/** Watching a payment that waits for the buyer's bank: rounds of 15 s, each heartbeating. */
export const confirmationPoll: QueueOptions<'payments'> = {
  taskQueue: TASK_QUEUES.payments,
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '5 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes,
  },
};

/**
 * One attempt at a seller's webhook: retried with exponential backoff from `initialMs` (5 s by
 * default, OUTBOUND_WEBHOOK_RETRY_INITIAL_MS), doubling up to an hour, 15 attempts, within a day.
 * The attempt's own HTTP timeout (OUTBOUND_WEBHOOK_TIMEOUT_MS, at most 30 s) stays below this one.
 */
export const sellerWebhookAttempt = (initialMs: number): QueueOptions<'notifications'> => ({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: SELLER_WEBHOOK_RETRY.scheduleToCloseMs,
  retry: {
    initialInterval: initialMs,
    backoffCoefficient: SELLER_WEBHOOK_RETRY.backoffCoefficient,
    maximumInterval: SELLER_WEBHOOK_RETRY.maximumIntervalMs,
    maximumAttempts: SELLER_WEBHOOK_RETRY.maximumAttempts,
    nonRetryableErrorTypes: Object.values(SELLER_WEBHOOK_FAILURES).filter(
      (type) => type !== SELLER_WEBHOOK_FAILURES.attemptFailed,
    ),
  },
});
