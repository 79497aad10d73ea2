import { allHandlersFinished, condition } from '@temporalio/workflow';

/**
 * Returns `result` once every update and signal handler still running has finished: an update
 * accepted as the workflow ends gets its answer instead of being cut off.
 */
export async function afterHandlers<T>(result: Promise<T>): Promise<T> {
  const value = await result;
  await condition(allHandlersFinished);
  return value;
}
