/**
 * The stack's process logs, whatever its topology: `api.log` and `worker.log`, or one file per API
 * replica (`api-1.log`, ...) and per worker process (`worker-orders-1.log`, ...).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stack } from './stack.js';

const PATTERNS = { api: /^api(-\d+)?\.log$/, worker: /^worker(-[a-z]+-\d+)?\.log$/ };

export function logFiles(kind: 'api' | 'worker'): string[] {
  const dir = stack().logDir;
  return readdirSync(dir)
    .filter((name) => PATTERNS[kind].test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Every line the API (or worker) processes wrote, all files together. */
export function logText(kind: 'api' | 'worker'): string {
  return logFiles(kind)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** The JSON lines (pino) of the API (or worker) processes, in time order across their files. */
export function logLines(kind: 'api' | 'worker'): Array<Record<string, unknown>> {
  const lines = logText(kind)
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return []; // a line still being written
      }
    });
  const time = (line: Record<string, unknown>) => (typeof line.time === 'number' ? line.time : 0);
  return lines.sort((a, b) => time(a) - time(b)); // stable: one file's order is kept
}
