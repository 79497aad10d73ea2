/** Temporal Schedules the platform needs; created at worker start, left alone when they exist. */
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { PAYOUT_SCHEDULE_ID, PAYOUT_SWEEP_WORKFLOW } from '../domain/payout.js';
import { RECONCILIATION_WORKFLOW } from '../domain/reconciliation.js';
import { TASK_QUEUES } from '../domain/task-queues.js';

export async function ensureSchedules(
  client: Client,
  options: { payoutCron: string; payoutMinimum: number; reconciliationCron: string },
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: PAYOUT_SCHEDULE_ID,
      spec: { cronExpressions: [options.payoutCron] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: {
        type: 'startWorkflow',
        workflowType: PAYOUT_SWEEP_WORKFLOW,
        taskQueue: TASK_QUEUES.orders,
        args: [{ minimum: options.payoutMinimum }],
      },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  try {
    await client.schedule.create({
      scheduleId: RECONCILIATION_SCHEDULE_ID,
      spec: { cronExpressions: [options.reconciliationCron] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: {
        type: 'startWorkflow',
        workflowType: RECONCILIATION_WORKFLOW,
        workflowId: 'reconciliation-daily',
        taskQueue: TASK_QUEUES.orders,
        args: [{}],
      },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}

export const RECONCILIATION_SCHEDULE_ID = 'reconciliation-daily';
