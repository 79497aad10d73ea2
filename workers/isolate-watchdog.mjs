/**
 * WORKER_ISOLATE_WATCHDOG=off: calls into the workflow sandbox run without Node's per-call execution
 * timeout. The SDK passes `isolateExecutionTimeout` (5 s) to every vm call, and Node enforces each one
 * with a watchdog thread it creates and destroys (nodejs/node#47739): ~48 µs a call on this machine
 * against ~1 µs without, some 240 calls a workflow, a fifth of the worker's CPU under the bench. The
 * price: workflow code stuck in a synchronous loop is no longer interrupted and hangs its thread.
 *
 * Preloaded with `--import` (scripts/stack runs workers so), it runs in every thread of the process
 * and patches only the workflow threads. Plain JavaScript: in a worker thread it loads before tsx's
 * hooks do. It reads process.env itself: it runs before config/env.ts.
 */
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
