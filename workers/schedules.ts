/** Temporal Schedules the platform needs; created at worker start, left alone when they exist. */
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { PAYOUT_SCHEDULE_ID, PAYOUT_SWEEP_WORKFLOW } from '../domain/payout.js';
import { TASK_QUEUES } from '../domain/task-queues.js';

export async function ensureSchedules(
  client: Client,
  options: { payoutCron: string; payoutMinimum: number },
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
}
