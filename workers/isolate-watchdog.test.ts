import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const preload = fileURLToPath(new URL('./isolate-watchdog.mjs', import.meta.url));

/**
 * What a worker thread of a process preloaded with the module sees: whether a promise hook can be
 * created (the SDK's stack-trace collection) and whether a vm call still gets its timeout (a 0.6 s
 * loop under a 20 ms timeout is cut short only when it does). The main thread is asked too.
 */
const probe = `
const { isMainThread, parentPort, Worker } = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');
const { AsyncLocalStorage } = require('node:async_hooks');
// The SDK's stack-trace hook has this shape; AsyncLocalStorage enables Node's own hook, of another.
const hooks = () => { try { v8.promiseHooks.createHook({ init() {}, settled() {} })(); return 'on'; } catch { return 'off'; } };
const storage = async () => {
  const s = new AsyncLocalStorage();
  return (await s.run(7, async () => { await null; return s.getStore(); })) === 7 ? 'works' : 'broken';
};
if (isMainThread) {
  // A thread loaded from a file: preloads do not run in eval'd threads.
  new Worker(__filename).once('message', (m) => { console.log(JSON.stringify({ ...m, mainHooks: hooks() })); });
} else {
  let timeout = 'off';
  try { vm.runInContext('const end = Date.now() + 600; while (Date.now() < end) {}', vm.createContext({ Date }), { timeout: 20 }); } catch { timeout = 'on'; }
  storage().then((storage) => parentPort.postMessage({ hooks: hooks(), timeout, storage }));
}`;

function threadSees(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'watchdog-'));
  const file = join(dir, 'probe.cjs');
  writeFileSync(file, probe);
  try {
    const out = execFileSync(process.execPath, ['--import', preload, file], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return JSON.parse(out.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the workflow threads preload', () => {
  it('refuses the SDK’s stack-trace hook in worker threads by default; AsyncLocalStorage and the watchdog work', () => {
    expect(threadSees({})).toEqual({ hooks: 'off', timeout: 'on', storage: 'works', mainHooks: 'on' });
  });

  it('leaves both as the SDK has them when asked', () => {
    expect(threadSees({ WORKER_WORKFLOW_STACK_TRACES: 'on' })).toEqual({
      hooks: 'on',
      timeout: 'on',
      storage: 'works',
      mainHooks: 'on',
    });
  });

  it('drops the per-call timeout in worker threads with WORKER_ISOLATE_WATCHDOG=off', () => {
    expect(threadSees({ WORKER_ISOLATE_WATCHDOG: 'off', WORKER_WORKFLOW_STACK_TRACES: 'on' })).toEqual({
      hooks: 'on',
      timeout: 'off',
      storage: 'works',
      mainHooks: 'on',
    });
  });
});
