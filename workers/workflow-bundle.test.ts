/**
 * With reuseV8Context every cached workflow evaluates its own copy of the bundle's non-SDK modules:
 * workflow code must pull in nothing heavy (zod was 1.08 MB of a 3.08 MB bundle) from node_modules.
 * The bundle is built as a worker run from source builds it: in a child process.
 */
import { describe, expect, it } from 'vitest';
import { bundleInChild, childExecArgv } from './bundle-in-child.js';

const SDK_PACKAGES = ['@temporalio/common', '@temporalio/workflow', 'long', 'ms', 'nexus-rpc'];

describe('workflow bundle', () => {
  it('holds the SDK and our own code only, its source map inline', async () => {
    const { code } = await bundleInChild([]);
    const packages = new Set([...code.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((m) => m[1]));
    expect([...packages].sort()).toEqual(SDK_PACKAGES);
    expect(code).toMatch(/\/\/# sourceMappingURL=data:application\/json/);
  }, 60_000);

  it('is built by a child with the worker’s flags but the CPU profiler’s, and tsx for sources', () => {
    const worker = ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir=/tmp/p', '--import', './w.mjs'];
    expect(childExecArgv(worker, true)).toEqual(['--import', 'tsx', '--import', './w.mjs']);
    expect(childExecArgv(['--cpu-prof-dir', '/tmp/p', '--max-old-space-size=512'], true)).toEqual([
      '--max-old-space-size=512',
      '--import',
      'tsx',
    ]);
    expect(childExecArgv(['--max-old-space-size=512'], false)).toEqual(['--max-old-space-size=512']);
  });
});
