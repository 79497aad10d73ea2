/**
 * The kit in a vitest file: `const kit = useKit()` starts one kit for the file (a test server of its
 * own and its workers: a few seconds, so not per test) and resets it after each test (open workflows
 * terminated, calls and faults forgotten). Tests stay independent by their ids: every order, seller
 * and payout a test makes is its own.
 */
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { type Kit, type KitOptions, startKit } from './kit.js';

export function useKit(options: KitOptions = {}): Kit {
  let current: Kit | undefined;
  beforeAll(async () => {
    current = await startKit({ workflowBundle: inject('workflowBundle'), ...options });
  });
  afterEach(async () => {
    await current?.reset();
  });
  afterAll(async () => {
    await current?.stop();
    current = undefined;
  });
  // Forwards to the file's kit, so a file can hold `kit` at the top level.
  return new Proxy({} as Kit, {
    get(_, property) {
      if (!current) throw new Error('the kit runs inside a test (useKit starts it before the first)');
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
