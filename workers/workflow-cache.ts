/**
 * The `orders` worker's workflow cache sized by memory (WORKER_WORKFLOW_CACHE_MIB), not by a count
 * alone. With reuseV8Context each cached workflow holds its own copy of the bundle's modules and its
 * state in the workflow thread's heap; the SDK's own default derives the count from the heap limit
 * (~1.7 MiB each), ours from what this bundle's purchase costs, measured: the worker's resident memory
 * grew ~1 MiB per cached workflow while the bench's cache filled from 1 to 150 (291 → 437 MiB at 10/s,
 * stack traces on or off alike; issue 27). An evicted workflow costs nothing until it wakes, then
 * one replay.
 */

/** Resident memory one cached purchase workflow adds to the worker (measured, see above). */
export const MIB_PER_CACHED_WORKFLOW = 1;

/** The workflow-task slots of the `orders` worker: the SDK needs a cache at least as large. */
export const WORKFLOW_TASK_SLOTS = 16;

/**
 * Workflows to cache in `budgetMiB`, at most `maxCount` when one is set (WORKER_MAX_CACHED_WORKFLOWS),
 * never fewer than the workflow-task slots (0 turns the cache off, as the SDK's own 0 does).
 */
export function cachedWorkflowsFor(budgetMiB: number, maxCount?: number): number {
  if (budgetMiB === 0 || maxCount === 0) return 0;
  const byMemory = Math.floor(budgetMiB / MIB_PER_CACHED_WORKFLOW);
  return Math.max(WORKFLOW_TASK_SLOTS, Math.min(byMemory, maxCount ?? byMemory));
}
