/**
 * KIT_SKIP_WINDOW_MS=<ms> (`npm run test:skip-windows`): finds the kit tests that depend on timing
 * through the time-skipping client. Awaiting a workflow's result through `kit.env.client` lets the
 * test server skip time until the result arrives; between the workflow's close and the client's lock
 * again, the server may jump to ANOTHER workflow's timer (an order's ship-by deadline, an erasure's
 * next look) while the test goes on to check it. That window is milliseconds, so such a test fails
 * once in many runs; this probe holds it open for `ms` after every such result, so it fails every
 * run. The fix in the test: await a workflow that ends without a timer through its own handle (never
 * skips), or `kit.skip()` to an exact instant first (README, "Time-skipping windows").
 */
import { WorkflowClient } from '@temporalio/client';
import { TimeSkippingWorkflowClient } from '@temporalio/testing';

/** Re-locks time skipping `delayMs` after each result the time-skipping client awaited. */
export function widenSkipWindows(delayMs: number): void {
  TimeSkippingWorkflowClient.prototype.result = async function (this: TimeSkippingWorkflowClient, ...args) {
    await this.testService.unlockTimeSkipping({});
    try {
      return await WorkflowClient.prototype.result.apply(this, args);
    } finally {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await this.testService.lockTimeSkipping({});
    }
  };
}

const delayMs = Number(process.env.KIT_SKIP_WINDOW_MS ?? 0);
if (delayMs > 0) widenSkipWindows(delayMs);
