/**
 * The workflow bundle a worker runs. `npm run build` (scripts/build.ts) writes it once, as Temporal's
 * production sample does: dist/workflow-bundle.js, and dist/workflow-bundle.traced.js with the
 * OpenTelemetry workflow interceptors for a worker with tracing on. A worker run from dist/ loads the
 * one that fits (`workflowBundle: { codePath }`, no webpack at start-up); one run from source (tsx)
 * bundles at start-up, in a child process (workers/bundle-in-child.ts). WORKFLOW_BUNDLE_PATH names a
 * bundle elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { otelWorkflowInterceptorsModule } from '../observability/worker-tracing.js';
import { bundleInChild } from './bundle-in-child.js';

export const BUNDLE_FILES = { plain: 'workflow-bundle.js', traced: 'workflow-bundle.traced.js' } as const;

/** The interceptor modules the traced bundle holds and the plain one does not. */
export const TRACED_INTERCEPTOR_MODULES = [otelWorkflowInterceptorsModule];

/** The dist/ directory this module was compiled into; undefined when it runs from source. */
export const ownDist = import.meta.url.endsWith('.js')
  ? fileURLToPath(new URL('..', import.meta.url))
  : undefined;

export interface BundleChoice {
  /** WORKFLOW_BUNDLE_PATH. */
  path?: string;
  /** The workflow interceptor modules this worker needs (tracing's when it is on, else none). */
  interceptorModules: readonly string[];
  /** Where `npm run build` wrote the bundles (`ownDist`); undefined: bundle at start-up. */
  dist?: string;
}

/** The prebuilt bundle file to load, or undefined when the worker bundles at start-up. */
export function prebuiltBundlePath(choice: BundleChoice): string | undefined {
  if (choice.path) return resolve(choice.path);
  if (!choice.dist) return undefined;
  const traced = choice.interceptorModules.length > 0;
  return join(choice.dist, traced ? BUNDLE_FILES.traced : BUNDLE_FILES.plain);
}

export async function workflowBundleFor(choice: BundleChoice): Promise<WorkflowBundleOption> {
  const file = prebuiltBundlePath(choice);
  // From source: webpack in a child process, whose memory goes with it (workers/bundle-in-child.ts).
  if (!file) return bundleInChild(choice.interceptorModules);
  if (!existsSync(file)) {
    throw new Error(
      `workflow bundle ${file} not found: \`npm run build\` writes it (or unset WORKFLOW_BUNDLE_PATH)`,
    );
  }
  const problem = interceptorMismatch(readFileSync(file, 'utf8'), choice.interceptorModules);
  if (problem) throw new Error(`workflow bundle ${file}: ${problem}`);
  // Absolute: the SDK names the bundle's script (and its source map's file) by this path.
  return { codePath: file };
}

/**
 * Why a bundle does not fit the interceptors this worker needs, or undefined. Without the tracing
 * interceptors a traced worker loses its workflow spans; with them an untraced worker has no sink for
 * the spans they export.
 */
export function interceptorMismatch(code: string, wanted: readonly string[]): string | undefined {
  for (const module of new Set([...TRACED_INTERCEPTOR_MODULES, ...wanted])) {
    const inBundle = code.includes(packagePath(module));
    if (wanted.includes(module) && !inBundle) {
      return `built without ${packagePath(module)}, which this worker needs (tracing is on): use ${BUNDLE_FILES.traced}`;
    }
    if (!wanted.includes(module) && inBundle) {
      return `built with ${packagePath(module)}, which this worker does not run (tracing is off): use ${BUNDLE_FILES.plain}`;
    }
  }
  return undefined;
}

/**
 * A module's path as the bundle names it wherever it was built: from its package on
 * (`@temporalio/…/lib/x.js`), else the whole path.
 */
function packagePath(module: string): string {
  const at = module.lastIndexOf('node_modules/');
  return at < 0 ? module : module.slice(at + 'node_modules/'.length);
}
