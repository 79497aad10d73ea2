/**
 * The stack's migration phase: in-process from source, or, when the stack runs compiled
 * (scripts/stack/compiled.ts), as a deployment's migration job does: `node dist/db/migrate.js`, which
 * reads the migrations copied into dist/.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runMigrations } from '../../db/migrate.js';
import { assertCurrentBuild, nodeArgs, runsCompiled } from './compiled.js';
import { repoRoot } from './paths.js';
import type { StackRun } from './servers.js';

export async function migrateDatabase(run: StackRun, databaseUrl: string): Promise<void> {
  if (!runsCompiled(run.outer)) return runMigrations(databaseUrl);
  // The first phase that runs dist/: every later one runs the same build.
  assertCurrentBuild();
  try {
    await promisify(execFile)(process.execPath, nodeArgs('db/migrate.ts', true), {
      cwd: repoRoot,
      env: { ...run.outer, DATABASE_URL: databaseUrl },
    });
  } catch (err) {
    const { stderr, message } = err as { stderr?: string; message: string };
    throw new Error(`migrations (dist/db/migrate.js) failed: ${stderr || message}`);
  }
}
