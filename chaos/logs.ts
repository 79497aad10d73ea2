/**
 * Evidence from the stack's logs (logDir/<process>.log: pino JSON lines, plus whatever a crashing
 * process printed): why a process died, what the API answered 500 for, and the provider faults the
 * worker met, which the sandbox does not count.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OTHER_FAILURE_TYPES } from '../domain/failures.js';

const linesOf = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);

function jsonOf<T>(line: string): T | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as T;
  } catch {
    return undefined; // a line cut short by SIGKILL
  }
}

/** The crash message at the end of a process's log: its last lines that are not JSON nor a stack frame. */
export function crashLines(file: string): string {
  if (!existsSync(file)) return '';
  return (
    readFileSync(file, 'utf8')
      .slice(-20_000)
      .split('\n')
      .map((l) => l.trim())
      // Skip JSON log lines, stack frames, the caret line and the Temporal core's coloured warnings.
      .filter((l) => l && !/^(\{|at |Node\.js|\^$)/.test(l) && !l.startsWith(String.fromCharCode(27)))
      .slice(-3)
      .join(' | ')
  );
}

/**
 * Failed provider calls the worker logged. The SDK logs an activity's error by name only, so an
 * injected 500 and a lost answer (502) look alike: both are `providerErrors`. While the circuit
 * breaker is open, calls fail fast without reaching the provider (`circuitFastFails`).
 */
export function providerFaultsSeen(logDir: string): Record<string, number> {
  const counts = { providerErrors: 0, circuitOpened: 0, circuitFastFails: 0 };
  for (const line of linesOf(join(logDir, 'worker.log'))) {
    const entry = jsonOf<{ msg?: string; state?: string; error?: { name?: string; type?: string } }>(line);
    if (!entry) continue;
    if (entry.msg === 'payment provider circuit' && entry.state === 'open') counts.circuitOpened += 1;
    if (entry.msg !== 'Activity failed') continue;
    if (entry.error?.name === 'ProviderUnavailableError') counts.providerErrors += 1;
    else if (entry.error?.type === OTHER_FAILURE_TYPES.providerUnavailable) counts.circuitFastFails += 1;
  }
  return counts;
}

/** The API's logged errors (its 500s) by message. */
export function apiErrorsSeen(logDir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of linesOf(join(logDir, 'api.log'))) {
    const entry = jsonOf<{ level?: number; msg?: string; err?: { message?: string } }>(line);
    if (!entry || (entry.level ?? 0) < 50) continue;
    const what = `${entry.msg}: ${entry.err?.message ?? ''}`.replace(/\s+/g, ' ').slice(0, 160);
    counts[what] = (counts[what] ?? 0) + 1;
  }
  return counts;
}
