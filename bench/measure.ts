/** What the bench measures besides latency: CPU per process role, memory, other load on the machine, idleness. */
import { temporalUiServerPath } from '../scripts/stack/temporal-cluster.js';
import type { BenchContext } from './context.js';
import { round2, say } from './options.js';
import {
  commandLine,
  cpuSeconds,
  cpuSecondsBy,
  machineBusySeconds,
  memoryMiB,
  processTree,
  treeMemoryMiB,
} from './proc.js';

/** The stack's processes by name, with the ui-server of cluster mode as `temporal-ui`. */
function stackPids(ctx: BenchContext): Array<{ name: string; pid: number }> {
  const procs: Record<string, { child: { pid?: number } } | undefined> = ctx.stack.processes;
  const out = Object.entries(procs).flatMap(([name, proc]) =>
    proc?.child.pid ? [{ name, pid: proc.child.pid }] : [],
  );
  if (ctx.target === 'cluster') {
    const ui = temporalUiServerPath();
    for (const pid of processTree(process.pid))
      if (commandLine(pid).startsWith(`${ui} `)) out.push({ name: 'temporal-ui', pid });
  }
  return out;
}

/**
 * The role a stack process counts under: per-queue workers (`worker-orders-2`) as `worker:orders`,
 * API replicas and their proxy as `api`, the cluster's ui-server as `temporal`.
 */
export function roleOf(name: string): string {
  const queue = /^worker-([a-z]+)-\d+$/.exec(name)?.[1];
  if (queue) return `worker:${queue}`;
  if (name.startsWith('api')) return 'api';
  if (name === 'temporal-ui') return 'temporal';
  return name;
}

const ROLE_ORDER = [
  'temporal',
  'worker',
  'api',
  'postgres',
  'postgresForTemporal',
  'sandbox',
  'redis',
  'bench',
];
const rank = (name: string) => {
  const base = name.split(':')[0]!;
  return (
    (ROLE_ORDER.includes(base) ? ROLE_ORDER.indexOf(base) : ROLE_ORDER.length) + (name === base ? 0 : 0.5)
  );
};
const sorted = (out: Record<string, number>) =>
  Object.fromEntries(Object.entries(out).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));

/**
 * CPU-seconds so far of each process tree the stack started, by role (`roleOf`). Per-queue workers
 * count under `worker:<queue>` and in the `worker` total. In cluster mode `postgresForTemporal` is the
 * part of `postgres` spent by backends connected to Temporal's databases (a subset, not an addition).
 * `bench` is this process: the load generator, its clients and the baselines' worker.
 */
export function cpuSnapshot(ctx: BenchContext): Record<string, number> {
  const { target, env } = ctx;
  const out: Record<string, number> = {};
  const add = (name: string, seconds: number) => {
    out[name] = (out[name] ?? 0) + seconds;
  };
  for (const { name, pid } of stackPids(ctx)) {
    const role = roleOf(name);
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
      const seconds = cpuSeconds(pid);
      add(role, seconds);
      if (role.startsWith('worker:')) add('worker', seconds);
    }
  }
  const own = process.cpuUsage();
  add('bench', (own.user + own.system) / 1e6);
  return sorted(out);
}

/** A window of the memory watch: each role's peak since it opened. */
export interface MemoryWindow {
  peaks(): Record<string, number>;
  close(): void;
}

/**
 * Samples the memory of every stack process every 2 s: proportional set size (PSS, so PostgreSQL's
 * shared buffers count once across its backends) of each process tree. A role's figure is its biggest
 * process (one replica's, one worker's per queue), the whole run's and each open window's peak.
 */
export class MemoryWatch {
  private readonly windows = new Set<Record<string, number>>();
  private readonly whole: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly ctx: Pick<BenchContext, 'stack' | 'target'>) {
    this.windows.add(this.whole);
    this.timer = setInterval(() => this.sample(), 2000);
  }
  private sample() {
    const now: Record<string, number> = {};
    for (const { name, pid } of stackPids(this.ctx as BenchContext)) {
      const role = roleOf(name);
      const mib = treeMemoryMiB(pid);
      // The ui-server is a process of its own beside the server: the role's figure is their sum.
      now[role] = name === 'temporal-ui' ? (now[role] ?? 0) + mib : Math.max(now[role] ?? 0, mib);
    }
    for (const peak of this.windows)
      for (const [role, mib] of Object.entries(now)) peak[role] = Math.max(peak[role] ?? 0, mib);
  }
  /** Opens a window: its peaks cover the samples from now until it closes. */
  window(): MemoryWindow {
    const peak: Record<string, number> = {};
    this.windows.add(peak);
    this.sample();
    return {
      peaks: () => roundAll(peak),
      close: () => {
        this.sample();
        this.windows.delete(peak);
      },
    };
  }
  /** The resident memory of the `worker` or `api` process now (the soak's before and after). */
  now = (name: 'worker' | 'api') => {
    const pid = this.ctx.stack.processes[name]?.child.pid;
    return pid ? Math.round(memoryMiB(pid).rss) : 0;
  };
  /** Peak over the whole run, by role. */
  peaks = () => roundAll(this.whole);
  stop = () => clearInterval(this.timer);
}

const roundAll = (peak: Record<string, number>) =>
  Object.fromEntries(Object.entries(sorted(peak)).map(([k, v]) => [k, Math.round(v)]));

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

/** Cores the whole machine and processes outside this bench kept busy since an `othersCpu()` snapshot. */
export function machineCoresSince(since: { at: number; machine: number; own: number }) {
  const seconds = (performance.now() - since.at) / 1000;
  return { machine: round2((machineBusySeconds() - since.machine) / seconds), others: othersCpu(since) };
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
