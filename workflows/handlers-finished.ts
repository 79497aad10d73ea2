import { allHandlersFinished, CancellationScope, condition } from '@temporalio/workflow';

/**
 * Returns `result` once every update and signal handler still running has finished: an update
 * accepted as the workflow ends gets its answer instead of being cut off. With `failing`, a run that
 * fails does the same, once `failing` has told the handlers to give up. Not cancellable: a workflow
 * asked to cancel has already turned that into its own ending (e.g. a failed, compensated purchase).
 */
export async function afterHandlers<T>(result: Promise<T>, failing?: () => void): Promise<T> {
  let value: T;
  try {
    value = await result;
  } catch (err) {
    if (!failing) throw err;
    // Told the run is failing, handlers waiting for what will not come now answer with an error.
    failing();
    await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
    throw err;
  }
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  return value;
}
