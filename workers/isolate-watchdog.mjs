/**
 * Two costs of the SDK's workflow sandbox, each behind a switch, applied in the workflow threads only:
 *
 * - WORKER_ISOLATE_WATCHDOG=off: calls into the sandbox run without Node's per-call execution timeout.
 *   The SDK passes `isolateExecutionTimeout` (5 s) to every vm call, and Node enforces each one with a
 *   watchdog thread it creates and destroys (nodejs/node#47739): ~48 µs a call on this machine against
 *   ~1 µs without, some 240 calls a workflow, a fifth of the worker's CPU under the bench. The price:
 *   workflow code stuck in a synchronous loop is no longer interrupted and hangs its thread.
 * - WORKER_WORKFLOW_STACK_TRACES=off (the default): no stack trace is recorded for each promise a
 *   workflow creates. The SDK installs a V8 promise hook that, on every promise made in the sandbox,
 *   builds an Error, formats its stack and maps each frame through the bundle's source map, so that
 *   the `__stack_trace` query (the Temporal UI's "Stack Trace" tab) can answer: ~30% of the workflow
 *   thread's profile under the bench (bench/profile-summary.ts). Off, `v8.promiseHooks.createHook`
 *   refuses the SDK's hook in workflow threads and the SDK takes its own fallback (the one it uses on
 *   Bun): the query answers
 *   "Workflow stack traces are not enabled on this worker", and the thread prints one console warning
 *   at start. The UI still shows where an order stands (current details, pending activities, timers).
 *
 * Preloaded with `--import` (scripts/stack runs workers so), it runs in every thread of the process
 * and patches only the others than the main one (the workflow threads; tsx's loader thread uses
 * neither). Plain JavaScript: in a worker thread it loads before tsx's hooks do. It reads process.env
 * itself: it runs before config/env.ts.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const withoutTimeout = (options) => {
  if (!options || typeof options !== 'object' || !('timeout' in options)) return options;
  const { timeout: _dropped, ...rest } = options;
  return rest;
};

if (process.env.WORKER_ISOLATE_WATCHDOG === 'off' && !isMainThread) {
  const runInContext = vm.Script.prototype.runInContext;
  vm.Script.prototype.runInContext = function (context, options) {
    return runInContext.call(this, context, withoutTimeout(options));
  };
  const run = vm.runInContext;
  vm.runInContext = (code, context, options) => run(code, context, withoutTimeout(options));
}

/**
 * The SDK's hook is `{ init, settled }` (vm-shared.js `setPromiseHook`). Node's own async_hooks, which
 * AsyncLocalStorage enables (the SDK's cancellation scopes and update scopes run on it inside
 * workflows), go through the same `createHook` with `{ init, before, after, settled }` and must keep
 * working: only the SDK's shape is refused (refusing every call broke AsyncLocalStorage.run, and with
 * it condition() with a timeout: 3700e4c, reverted in de38c46).
 */
const isSdkStackTraceHook = (hooks) =>
  hooks !== null && typeof hooks === 'object' && Object.keys(hooks).sort().join(',') === 'init,settled';

if ((process.env.WORKER_WORKFLOW_STACK_TRACES ?? 'off') === 'off' && !isMainThread) {
  const createHook = v8.promiseHooks.createHook;
  v8.promiseHooks.createHook = (hooks) => {
    if (isSdkStackTraceHook(hooks))
      throw new Error('workflow stack traces are off (WORKER_WORKFLOW_STACK_TRACES)');
    return createHook(hooks);
  };
}
