import { describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS } from '../build-manifest.js';
import { nodeArgs } from './compiled.js';

describe('stack entries', () => {
  it('run from source through tsx, the worker with the isolate watchdog preloaded', () => {
    expect(nodeArgs('api/main.ts', false)).toEqual(['--import', 'tsx', 'api/main.ts']);
    expect(nodeArgs('workers/main.ts', false)).toEqual([
      '--import',
      'tsx',
      '--import',
      './workers/isolate-watchdog.mjs',
      'workers/main.ts',
    ]);
  });

  it('run compiled with plain node, from files the build writes', () => {
    const entries = ['api/main.ts', 'workers/main.ts', 'sandbox/main.ts', 'db/migrate.ts'];
    const argv = entries.map((entry) => nodeArgs(entry, true));
    expect(argv.flat().filter((arg) => arg === 'tsx' || arg.endsWith('.ts'))).toEqual([]);
    const files = argv.flat().filter((arg) => /\.m?js$/.test(arg));
    expect(
      files.map((file) => file.replace(/^(\.\/)?dist\//, '')).filter((f) => !BUILD_OUTPUTS.includes(f)),
    ).toEqual([]);
    expect(nodeArgs('workers/main.ts', true)).toEqual([
      '--import',
      './dist/workers/isolate-watchdog.mjs',
      'dist/workers/main.js',
    ]);
  });

  it('keep tsx for what the image does not ship (the round-robin proxy)', () => {
    expect(nodeArgs('scripts/api-proxy.ts', true)).toEqual(['--import', 'tsx', 'scripts/api-proxy.ts']);
  });
});
