/**
 * The child process `bundleInChild` (workers/bundle-in-child.ts) runs: builds the workflow bundle with
 * the interceptor modules named after the output file on its command line, and writes
 * `{ code, sourceMap }` there as JSON (stdout carries what the bundler's dependencies print).
 */
import { writeFileSync } from 'node:fs';
import { buildWorkflowBundle } from './create-workers.js';

const [out, ...workflowInterceptorModules] = process.argv.slice(2);
if (!out) throw new Error('usage: bundle-child OUT.json [interceptor module...]');
const { code, sourceMap } = await buildWorkflowBundle({ workflowInterceptorModules });
writeFileSync(out, JSON.stringify({ code, sourceMap }));
