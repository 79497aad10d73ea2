/** Temporal Schedules the platform needs; created at worker start, left alone when they exist. */
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { PAYOUT_SCHEDULE_ID, PAYOUT_SWEEP_WORKFLOW } from '../domain/payout.js';
import { RECONCILIATION_WORKFLOW } from '../domain/reconciliation.js';
import { TASK_QUEUES } from '../domain/task-queues.js';

export const RECONCILIATION_SCHEDULE_ID = 'reconciliation-daily';

export async function ensureSchedules(
  client: Client,
  options: { payoutCron: string; payoutMinimum: number; reconciliationCron: string },
): Promise<void> {
  await ensureDailyWorkflow(client, PAYOUT_SCHEDULE_ID, options.payoutCron, PAYOUT_SWEEP_WORKFLOW, [
    { minimum: options.payoutMinimum },
  ]);
  // Each run reconciles the 24 hours before it started.
  await ensureDailyWorkflow(
    client,
    RECONCILIATION_SCHEDULE_ID,
    options.reconciliationCron,
    RECONCILIATION_WORKFLOW,
    [{}],
  );
}

async function ensureDailyWorkflow(
  client: Client,
  scheduleId: string,
  cron: string,
  workflowType: string,
  args: unknown[],
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [cron] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
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
