/** Timeouts, retry presets and task-queue routing of every activity, in one place. */
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';
import { FAILURE_TYPES } from '../domain/errors.js';
import { TASK_QUEUES } from '../domain/task-queues.js';

const nonRetryableErrorTypes = Object.values(FAILURE_TYPES);

/** Short PostgreSQL steps: fast retries, they only fail on connection trouble. */
export const databaseStep: ActivityOptions = {
  taskQueue: TASK_QUEUES.orders,
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '100 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
    nonRetryableErrorTypes,
  },
};

export const ledgerStep: ActivityOptions = { ...databaseStep, taskQueue: TASK_QUEUES.ledger };

/**
 * The same short steps as local activities: run by the worker that runs the workflow, recorded as a
 * marker, with no task-queue round trip and no activity task on the server (TEMPORAL-NOTES.md).
 */
export const localDatabaseStep: LocalActivityOptions = {
  startToCloseTimeout: databaseStep.startToCloseTimeout,
  retry: databaseStep.retry,
};

/** Provider calls: slower, rate limited upstream, retried with backoff for as long as it takes. */
export const providerCall: ActivityOptions = {
  taskQueue: TASK_QUEUES.payments,
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes,
  },
};

export const notificationStep: ActivityOptions = { ...databaseStep, taskQueue: TASK_QUEUES.notifications };

/** Polling a transfer that is still pending: rounds of 10 s, retried every 30 s up to 5 min, for at most 1 h. */
export const transferPoll: ActivityOptions = {
  taskQueue: TASK_QUEUES.payments,
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '5 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: {
    initialInterval: '30 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes,
  },
};

/** Watching a payment that waits for the buyer's bank: rounds of 15 s, each heartbeating. */
export const confirmationPoll: ActivityOptions = {
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
