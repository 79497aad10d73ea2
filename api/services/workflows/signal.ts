/**
 * Signals a workflow through its typed definition (`workflows/<name>/messages.ts`), so the name and the
 * argument come from the definition the workflow registers. One that no longer runs (or never ran)
 * needs nothing and answers `not_running`; any other failure is thrown for the caller to map (a
 * webhook answers 5xx, so its sender delivers again and the redelivery signals again).
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';

export async function signalIfRunning<Args extends unknown[]>(
  temporal: Client,
  workflowId: string,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<'signalled' | 'not_running'> {
  try {
    await temporal.workflow.getHandle(workflowId).signal(signal, ...args);
    return 'signalled';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'not_running';
    throw err;
  }
}
