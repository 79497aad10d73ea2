/** What the bench measures besides latency: CPU per process role, memory, other load on the machine, idleness. */
import type { Stack } from '../scripts/stack/index.js';
import { temporalUiServerPath } from '../scripts/stack/temporal-cluster.js';
import type { BenchContext } from './context.js';
import { round2, say } from './options.js';
import { commandLine, cpuSeconds, cpuSecondsBy, machineBusySeconds, memoryMiB, processTree } from './proc.js';

/**
 * CPU-seconds so far of each process tree the stack started, by role: per-queue workers count as
 * `worker`, API replicas and their proxy as `api`. In cluster mode `temporal` is the server and the
 * ui-server (the dev server has its UI inside), and `postgresForTemporal` is the part of `postgres`
 * spent by backends connected to Temporal's databases (a subset of `postgres`, not an addition).
 */
export function cpuSnapshot(ctx: BenchContext): Record<string, number> {
  const { stack: s, target, env } = ctx;
  const out: Record<string, number> = {};
  const add = (name: string, seconds: number) => {
    out[name] = (out[name] ?? 0) + seconds;
  };
  const procs: Record<string, { child: { pid?: number } } | undefined> = s.processes;
  for (const [name, proc] of Object.entries(procs)) {
    const pid = proc?.child.pid;
    if (!pid) continue;
    const role = name.startsWith('worker') ? 'worker' : name.startsWith('api') ? 'api' : name;
    if (role === 'postgres' && target === 'cluster') {
      const appDatabase = new URL(env.DATABASE_URL).pathname.slice(1);
      const split = cpuSecondsBy(pid, (p) => {
        const database = /^postgres: \S+ (\S+) /.exec(commandLine(p))?.[1];
        return database && database !== appDatabase && database.startsWith('temporal')
          ? 'temporal'
          : undefined;
      });
      add(
        'postgres',
        Object.values(split).reduce((a, b) => a + b, 0),
      );
      add('postgresForTemporal', split.temporal ?? 0);
    } else {
      add(role, cpuSeconds(pid));
    }
  }
  if (target === 'cluster') {
    const ui = temporalUiServerPath();
    for (const pid of processTree(process.pid))
      if (commandLine(pid).startsWith(`${ui} `)) add('temporal', cpuSeconds(pid));
  }
  const order = ['temporal', 'worker', 'api', 'postgres', 'postgresForTemporal', 'sandbox', 'redis'];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => rank(a) - rank(b)));
}

/** Samples worker and API memory every second; VmHWM keeps each process's peak. */
export class MemoryWatch {
  private readonly peak: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly s: Stack) {
    this.timer = setInterval(() => {
      for (const name of ['worker', 'api'] as const)
        this.peak[name] = Math.max(this.peak[name] ?? 0, this.read(name).peak);
    }, 1000);
  }
  private read(name: 'worker' | 'api') {
    const pid = this.s.processes[name]?.child.pid;
    return pid ? memoryMiB(pid) : { rss: 0, peak: 0 };
  }
  now = (name: 'worker' | 'api') => Math.round(this.read(name).rss);
  peaks = () => Object.fromEntries(Object.entries(this.peak).map(([k, v]) => [k, Math.round(v)]));
  stop = () => clearInterval(this.timer);
}

/**
 * Cores that processes outside this bench (its stack included) kept busy: other test runs on the
 * machine. With no argument, a snapshot; with the snapshot, the mean cores busy since.
 */
export function othersCpu(): { at: number; machine: number; own: number };
export function othersCpu(since: { at: number; machine: number; own: number }): number;
export function othersCpu(since?: { at: number; machine: number; own: number }) {
  const now = { at: performance.now(), machine: machineBusySeconds(), own: cpuSeconds(process.pid) };
  if (!since) return now;
  const seconds = (now.at - since.at) / 1000;
  return round2(Math.max(0, now.machine - since.machine - (now.own - since.own)) / seconds);
}

/** Waits until the Temporal server and the worker are nearly idle (< 10% of a core), at most 3 min. */
export async function quiesce(ctx: BenchContext) {
  const busy = () => {
    const snap = cpuSnapshot(ctx);
    return (snap.temporal ?? 0) + (snap.worker ?? 0);
  };
  const deadline = Date.now() + 180_000;
  let last = busy();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = busy();
    if (now - last < 0.1) return;
    last = now;
  }
  say('still busy after 3 min; measuring anyway');
}
