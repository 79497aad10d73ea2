/**
 * The workflow bundle built in a child process, for a worker run from source. Webpack in the worker's
 * own process left ~120 MiB of its heap and arenas in the worker's resident memory for the rest of its
 * life (RSS 128 → 251 MiB after a GC on the bench machine); a child returns all of it when it exits.
 * The child is this Node with the worker's own flags but the CPU profiler's, and tsx's loader (from
 * the repo root) when the parent has none (a test runner's process).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';

const run = promisify(execFile);
const childEntry = fileURLToPath(new URL(`./bundle-child${extension()}`, import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function extension(): string {
  return import.meta.url.endsWith('.js') ? '.js' : '.ts';
}

/**
 * Node flags of the child: the parent's but the CPU profiler's (a bench's profile is of the worker),
 * and `--import tsx` for TypeScript sources when the parent loads none.
 */
export function childExecArgv(execArgv: readonly string[], typescript: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    if (flag.startsWith('--cpu-prof')) {
      // `--cpu-prof-dir DIR` takes the next argument; `--cpu-prof-dir=DIR` and `--cpu-prof` do not.
      if (!flag.includes('=') && flag !== '--cpu-prof') i++;
      continue;
    }
    out.push(flag);
  }
  if (typescript && !out.some((flag) => flag.includes('tsx'))) out.push('--import', 'tsx');
  return out;
}

export async function bundleInChild(
  workflowInterceptorModules: readonly string[],
): Promise<WorkflowBundleWithSourceMap> {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-bundle-'));
  const out = join(dir, 'bundle.json');
  try {
    await run(
      process.execPath,
      [
        ...childExecArgv(process.execArgv, extension() === '.ts'),
        childEntry,
        out,
        ...workflowInterceptorModules,
      ],
      { cwd: repoRoot, maxBuffer: 16 * 2 ** 20 },
    );
    return JSON.parse(readFileSync(out, 'utf8')) as WorkflowBundleWithSourceMap;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
