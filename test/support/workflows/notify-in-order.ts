/**
 * A test-only workflow: runs the notify activity for each input in turn, with the production retry
 * policy (notificationStep) on the caller's task queue, so a test's own worker can wrap the real
 * activity and watch Temporal retry it.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../../activities/index.js';
import type { NotifyInput } from '../../../domain/notifications.js';
import { notificationStep } from '../../../workflows/options.js';

export async function notifyInOrder(taskQueue: string, inputs: NotifyInput[]): Promise<void> {
  const { notify } = proxyActivities<Pick<Activities, 'notify'>>({ ...notificationStep, taskQueue });
  for (const input of inputs) await notify(input);
}
