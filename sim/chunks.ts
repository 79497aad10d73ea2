/**
 * Long runs in chunks: each chunk of seeds in a fresh process of sim/main.ts with its own test server,
 * one after another (two cores: running them side by side would only slow each). The workflow bundle
 * is built once and handed to every chunk. A chunk whose process dies runs once more; dying twice,
 * its seeds are reported as never finished and the run fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workflowBundleOnce } from '../test/kit/server.js';
import type { ChunkReport } from './summary.js';

export interface ChunkedRun {
  reports: ChunkReport[];
  /** Seeds of chunks whose process died twice. */
  crashed: number[];
  elapsedMs: number;
}

export async function runInChunks(seeds: number[], size: number, batch: number): Promise<ChunkedRun> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'escrowflow-sim-'));
  try {
    const bundlePath = join(dir, 'bundle.json');
    writeFileSync(bundlePath, JSON.stringify(await workflowBundleOnce()));
    const reports: ChunkReport[] = [];
    const crashed: number[] = [];
    for (let i = 0; i < seeds.length; i += size) {
      const chunk = seeds.slice(i, i + size);
      const reportPath = join(dir, `chunk-${i}.json`);
      const args = ['--from', String(chunk[0]), '--seeds', String(chunk.length), '--batch', String(batch)];
      let report: ChunkReport | undefined;
      for (let attempt = 1; attempt <= 2 && !report; attempt++) {
        console.log(`[simulate] seeds ${chunk[0]}..${chunk.at(-1)} in a fresh process (try ${attempt})`);
        const code = await runChild([...args, '--report', reportPath, '--bundle', bundlePath]);
        if (existsSync(reportPath)) report = JSON.parse(readFileSync(reportPath, 'utf8')) as ChunkReport;
        else console.log(`[simulate] the process for seeds ${chunk[0]}..${chunk.at(-1)} died (exit ${code})`);
      }
      if (report) reports.push(report);
      else crashed.push(...chunk);
    }
    return { reports, crashed, elapsedMs: performance.now() - started };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** This same script (under tsx, as it was started) with the chunk's arguments; answers its exit code. */
function runChild(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
      stdio: 'inherit',
    });
    child.on('exit', (code) => resolve(code));
  });
}
