/**
 * With reuseV8Context every cached workflow evaluates its own copy of the bundle's non-SDK modules:
 * workflow code must pull in nothing heavy (zod was 1.08 MB of a 3.08 MB bundle) from node_modules.
 */
import { describe, expect, it } from 'vitest';
import { buildWorkflowBundle } from './create-workers.js';

const SDK_PACKAGES = ['@temporalio/common', '@temporalio/workflow', 'long', 'ms', 'nexus-rpc'];

describe('workflow bundle', () => {
  it('holds the SDK and our own code only', async () => {
    const { code } = await buildWorkflowBundle();
    const packages = new Set([...code.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((m) => m[1]));
    expect([...packages].sort()).toEqual(SDK_PACKAGES);
  }, 60_000);
});
