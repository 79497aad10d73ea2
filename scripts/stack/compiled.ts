/**
 * ESCROWFLOW_COMPILED=1: the stack runs what ships, the compiled build in dist/ (`npm run build`),
 * with plain node as the image does: the `cluster` test project does (test/setup/global-stack-cluster.ts).
 * It refuses a dist/ that is missing or older than the sources (scripts/build-manifest.ts).
 */
import { join } from 'node:path';
import { buildProblem } from '../build-manifest.js';
import { repoRoot } from './paths.js';

export const distDir = join(repoRoot, 'dist');

export const runsCompiled = (outer: NodeJS.ProcessEnv): boolean => outer.ESCROWFLOW_COMPILED === '1';

// Workers take the isolate watchdog switch (workers/isolate-watchdog.mjs, WORKER_ISOLATE_WATCHDOG).
const WATCHDOG = {
  source: './workers/isolate-watchdog.mjs',
  compiled: './dist/workers/isolate-watchdog.mjs',
};

/** The image's command line of each entry it ships (Dockerfile, docker-compose.yml, deploy/). */
const COMPILED: Record<string, string[]> = {
  'api/main.ts': ['dist/api/main.js'],
  'workers/main.ts': ['--import', WATCHDOG.compiled, 'dist/workers/main.js'],
  'sandbox/main.ts': ['dist/sandbox/main.js'],
  'db/migrate.ts': ['dist/db/migrate.js'],
};

/**
 * Node's arguments for a source entry: its compiled counterpart when the stack runs compiled, else
 * the source through tsx. An entry the image does not ship (the round-robin proxy stands in for a
 * load balancer) keeps tsx either way.
 */
export function nodeArgs(entry: string, compiled: boolean): string[] {
  const built = compiled ? COMPILED[entry] : undefined;
  if (built) return built;
  const preload = entry === 'workers/main.ts' ? ['--import', WATCHDOG.source] : [];
  return ['--import', 'tsx', ...preload, entry];
}

/** Throws, saying why and what to run, unless dist/ is a complete build of the sources as they are. */
export function assertCurrentBuild(): void {
  const problem = buildProblem(repoRoot, distDir);
  if (problem)
    throw new Error(`ESCROWFLOW_COMPILED=1 runs dist/, but ${problem}: run \`npm run build\` first`);
}
