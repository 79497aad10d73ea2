/** Temporal Schedules the platform needs; created at worker start, left alone when they exist. */
import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleSpec,
} from '@temporalio/client';
import { PAYOUT_SCHEDULE_ID, PAYOUT_SWEEP_WORKFLOW } from '../domain/payout.js';
import { RECONCILIATION_WORKFLOW } from '../domain/reconciliation.js';
import {
  STALE_ORDER_SWEEP_SCHEDULE_ID,
  STALE_ORDER_SWEEP_WORKFLOW,
  type StaleOrderSweepInput,
} from '../domain/stale-orders.js';
import { TASK_QUEUES } from '../domain/task-queues.js';

export const RECONCILIATION_SCHEDULE_ID = 'reconciliation-daily';

export async function ensureSchedules(
  client: Client,
  options: {
    payoutCron: string;
    payoutMinimum: number;
    reconciliationCron: string;
    /** How often the stale-order sweep runs, and the reservation hold it enforces. */
    staleOrderSweepEveryMs: number;
    orderHoldMs: number;
  },
): Promise<void> {
  await ensureScheduledWorkflow(
    client,
    PAYOUT_SCHEDULE_ID,
    { cronExpressions: [options.payoutCron] },
    PAYOUT_SWEEP_WORKFLOW,
    [{ minimum: options.payoutMinimum }],
  );
  // Each run reconciles the 24 hours before it started.
  await ensureScheduledWorkflow(
    client,
    RECONCILIATION_SCHEDULE_ID,
    { cronExpressions: [options.reconciliationCron] },
    RECONCILIATION_WORKFLOW,
    [{}],
  );
  // Orders whose workflow never started hold their units until this finds them past the hold.
  const sweep: StaleOrderSweepInput = { holdMs: options.orderHoldMs };
  await ensureScheduledWorkflow(
    client,
    STALE_ORDER_SWEEP_SCHEDULE_ID,
    { intervals: [{ every: options.staleOrderSweepEveryMs }] },
    STALE_ORDER_SWEEP_WORKFLOW,
    [sweep],
    '1 hour',
  );
}

async function ensureScheduledWorkflow(
  client: Client,
  scheduleId: string,
  spec: ScheduleSpec,
  workflowType: string,
  args: unknown[],
  catchupWindow = '1 day',
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow },
      action: {
        type: 'startWorkflow',
        workflowType,
        workflowId: scheduleId,
        taskQueue: TASK_QUEUES.orders,
        args,
      },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
