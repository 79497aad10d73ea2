/**
 * `npm run build`: what ships, in dist/, run with plain node (no tsx, no TypeScript at run time):
 * - the processes compiled by tsc (tsconfig.build.json): dist/api/main.js, dist/workers/main.js,
 *   dist/db/migrate.js, dist/sandbox/main.js, and the few scripts an operator runs in the image;
 * - the files they read at run time, copied to the same place (the migrations, the isolate watchdog);
 * - the workflow bundles, written once here as in Temporal's production sample instead of by every
 *   worker at start-up (workers/prebuilt-bundle.ts): without and with the tracing interceptors;
 * - last, dist/build-info.json: the sources it was built from (scripts/build-manifest.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkflowBundle } from '../workers/create-workers.js';
import { BUNDLE_FILES, interceptorMismatch, TRACED_INTERCEPTOR_MODULES } from '../workers/prebuilt-bundle.js';
import { BUILD_INFO, BUILD_OUTPUTS, buildInputs, RUNTIME_ASSETS } from './build-manifest.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const started = Date.now();

// Inputs first: a file edited while the build runs makes the next stack refuse this dist/.
const inputs = buildInputs(root);
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  // tsc has printed the errors; a stack trace of the spawn would only bury them.
  console.error('build: tsc failed (errors above); dist/ is left incomplete');
  process.exit(1);
}

for (const asset of RUNTIME_ASSETS) cpSync(join(root, asset), join(dist, asset), { recursive: true });

const bundles = [
  { file: BUNDLE_FILES.plain, workflowInterceptorModules: [] },
  { file: BUNDLE_FILES.traced, workflowInterceptorModules: TRACED_INTERCEPTOR_MODULES },
];
for (const { file, workflowInterceptorModules } of bundles) {
  // The code carries its source map inline; the SDK reads it from there.
  const { code } = await buildWorkflowBundle({ workflowInterceptorModules });
  // The check a worker makes before loading it (WORKFLOW_BUNDLE_PATH), proven on the real bundles.
  const mismatch = interceptorMismatch(code, workflowInterceptorModules);
  if (mismatch) throw new Error(`build: ${file} ${mismatch}`);
  writeFileSync(join(dist, file), code);
}

const missing = BUILD_OUTPUTS.filter((file) => !existsSync(join(dist, file)));
if (missing.length > 0) throw new Error(`build: dist/ lacks ${missing.join(', ')}`);
writeFileSync(join(dist, BUILD_INFO), `${JSON.stringify({ inputs }, null, 2)}\n`);
console.log(`build: dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
