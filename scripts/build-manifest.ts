/**
 * What `npm run build` (scripts/build.ts) reads and writes, and whether a dist/ is a build of the
 * sources as they are now: the stack runs dist/ only then (scripts/stack/compiled.ts), so the tests
 * of the compiled build never pass on yesterday's code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Written last by the build: each input's sha-256, by path. */
export const BUILD_INFO = 'build-info.json';

/** Files the compiled processes read at run time, copied to the same place under dist/. */
export const RUNTIME_ASSETS = ['db/migrations', 'workers/isolate-watchdog.mjs'];

/** What deployments run (Dockerfile, docker-compose.yml, deploy/), relative to dist/. */
export const BUILD_OUTPUTS = [
  'api/main.js',
  'workers/main.js',
  'workers/isolate-watchdog.mjs',
  'db/migrate.js',
  'db/migrations/meta/_journal.json',
  'sandbox/main.js',
  'scripts/healthcheck.js',
  'scripts/token.js',
  'scripts/ledger-check.js',
  'workflow-bundle.js',
  'workflow-bundle.traced.js',
];

/** Besides the compiled directories: what decides how they compile and what the bundles hold. */
const CONFIG_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The build's inputs (tsconfig.build.json's `include`, less tests, and its configuration) → sha-256. */
export function buildInputs(root: string): Record<string, string> {
  const { include } = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as {
    include: string[];
  };
  const files = [...CONFIG_INPUTS, ...include.flatMap((entry) => filesUnder(root, entry))]
    .filter((file) => !file.endsWith('.test.ts'))
    .sort();
  return Object.fromEntries(
    files.map((file) => [
      file,
      createHash('sha256')
        .update(readFileSync(join(root, file)))
        .digest('hex'),
    ]),
  );
}

function filesUnder(root: string, entry: string): string[] {
  if (!statSync(join(root, entry)).isDirectory()) return [entry];
  return readdirSync(join(root, entry), { recursive: true, encoding: 'utf8' })
    .map((name) => join(entry, name))
    .filter((file) => statSync(join(root, file)).isFile());
}

/** Why `dist` is not a complete build of the sources in `root` as they are now, or undefined. */
export function buildProblem(root: string, dist: string): string | undefined {
  const infoFile = join(dist, BUILD_INFO);
  if (!existsSync(infoFile)) return `${dist} holds no complete build`;
  const missing = BUILD_OUTPUTS.find((file) => !existsSync(join(dist, file)));
  if (missing) return `${join(dist, missing)} is missing`;
  const built = (JSON.parse(readFileSync(infoFile, 'utf8')) as { inputs: Record<string, string> }).inputs;
  const now = buildInputs(root);
  const changed = Object.keys(now).find((file) => built[file] !== now[file]);
  if (changed) return `${changed} ${built[changed] ? 'changed' : 'appeared'} since dist/ was built`;
  const removed = Object.keys(built).find((file) => !(file in now));
  if (removed) return `${removed} was removed since dist/ was built`;
  return undefined;
}
