/**
 * Baseline (a): the engine alone. As many no-op activities, one after another, as the purchase
 * workflow runs until `paid`, on the same Temporal server.
 */
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(step: number): Promise<void> }>({
  startToCloseTimeout: '10 seconds',
});

export async function noopSteps(steps: number): Promise<number> {
  for (let step = 0; step < steps; step++) await noop(step);
  return steps;
}
