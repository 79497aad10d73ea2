/**
 * The kit's one source of time: the test server's clock, which time skipping moves. Fakes never read
 * the machine's clock, so what they stamp (intents, carrier scans, rows) follows the workflows' time.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export interface Clock {
  /** The test server's time, epoch ms. */
  now(): Promise<number>;
  iso(): Promise<string>;
}

export function serverClock(env: Pick<TestWorkflowEnvironment, 'currentTimeMs'>): Clock {
  return {
    now: () => env.currentTimeMs(),
    iso: async () => new Date(await env.currentTimeMs()).toISOString(),
  };
}
