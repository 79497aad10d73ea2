import { allHandlersFinished, CancellationScope, condition } from '@temporalio/workflow';

/**
 * Returns `result` once every update and signal handler still running has finished: an update
 * accepted as the workflow ends gets its answer instead of being cut off. Not cancellable: a workflow
 * asked to cancel has already turned that into its own ending (e.g. a failed, compensated purchase).
 */
export async function afterHandlers<T>(result: Promise<T>): Promise<T> {
  const value = await result;
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  return value;
}
