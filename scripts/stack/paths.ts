/** Where the project keeps its data (in the repo, git-ignored) and its tools (per-user cache). */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const dataRoot = join(repoRoot, '.data');
export const cacheDir =
  process.env.ESCROWFLOW_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'escrowflow');

export const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** The Temporal CLI (dev server + UI); `TEMPORAL_CLI` overrides the cached build. */
export function temporalCliPath(): string {
  return process.env.TEMPORAL_CLI ?? join(cacheDir, `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/** The time-skipping test server launcher; `TEMPORAL_TEST_SERVER` overrides the wrapper. */
export function testServerPath(): string {
  return process.env.TEMPORAL_TEST_SERVER ?? join(repoRoot, 'scripts', 'temporal-test-server');
}

export function testServerVersion(): string {
  const pom = readFileSync(join(repoRoot, 'scripts', 'test-server', 'pom.xml'), 'utf8');
  return /<temporal\.version>(.*?)<\/temporal\.version>/.exec(pom)?.[1] ?? 'unknown';
}
