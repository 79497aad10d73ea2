import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_FILES,
  interceptorMismatch,
  prebuiltBundlePath,
  TRACED_INTERCEPTOR_MODULES,
  workflowBundleFor,
} from './prebuilt-bundle.js';

// How a bundle names a module it holds: its absolute path where it was built (the image's /app).
const OTEL = '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors.js';
const tracedCode = `/*!*** /app/node_modules/${OTEL} ***!*/\nmodule.exports = {};`;
const plainCode = `// "@temporalio/interceptors-opentelemetry" is named in SDK messages only\nmodule.exports = {};`;

describe('prebuilt workflow bundle', () => {
  it('is the traced one whose tracing module is the package the worker resolves', () => {
    expect(TRACED_INTERCEPTOR_MODULES.map((m) => m.endsWith(OTEL))).toEqual([true]);
  });

  it('is picked from dist/ by tracing, from WORKFLOW_BUNDLE_PATH when set, none from source', () => {
    expect(prebuiltBundlePath({ interceptorModules: [], dist: '/app/dist' })).toBe(
      join('/app/dist', BUNDLE_FILES.plain),
    );
    expect(prebuiltBundlePath({ interceptorModules: TRACED_INTERCEPTOR_MODULES, dist: '/app/dist' })).toBe(
      join('/app/dist', BUNDLE_FILES.traced),
    );
    expect(prebuiltBundlePath({ path: '/srv/b.js', interceptorModules: [], dist: '/app/dist' })).toBe(
      '/srv/b.js',
    );
    expect(prebuiltBundlePath({ interceptorModules: TRACED_INTERCEPTOR_MODULES })).toBeUndefined();
  });

  it('fits only the worker whose tracing matches its interceptors', () => {
    expect(interceptorMismatch(plainCode, [])).toBeUndefined();
    expect(interceptorMismatch(tracedCode, TRACED_INTERCEPTOR_MODULES)).toBeUndefined();
    expect(interceptorMismatch(plainCode, TRACED_INTERCEPTOR_MODULES)).toMatch(
      `built without ${OTEL}, which this worker needs (tracing is on): use ${BUNDLE_FILES.traced}`,
    );
    expect(interceptorMismatch(tracedCode, [])).toMatch(
      `built with ${OTEL}, which this worker does not run (tracing is off): use ${BUNDLE_FILES.plain}`,
    );
  });

  it('loads a fitting file by path and refuses a missing or misfitting one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    writeFileSync(join(dir, BUNDLE_FILES.plain), plainCode);
    writeFileSync(join(dir, BUNDLE_FILES.traced), tracedCode);
    await expect(workflowBundleFor({ interceptorModules: [], dist: dir })).resolves.toEqual({
      codePath: join(dir, BUNDLE_FILES.plain),
    });
    await expect(
      workflowBundleFor({
        path: join(dir, BUNDLE_FILES.plain),
        interceptorModules: TRACED_INTERCEPTOR_MODULES,
      }),
    ).rejects.toThrow(/tracing is on/);
    await expect(workflowBundleFor({ interceptorModules: [], dist: join(dir, 'none') })).rejects.toThrow(
      /not found: `npm run build` writes it/,
    );
  });
});
