/** CPU time and memory of a process and its descendants, read from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86_64

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime: this process and its reaped children. */
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    const num = (i: number) => Number(fields[i - 3]);
    return { pid, ppid: num(4), ticks: num(14) + num(15) + num(16) + num(17) };
  } catch {
    return undefined;
  }
}

/** `root` and every live descendant (PostgreSQL's backends, a wrapper's child). */
export function processTree(root: number): number[] {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, number[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s.pid]);
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU-seconds used so far by the tree under `root`, exited children included. */
export function cpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) ticks += readStat(pid)?.ticks ?? 0;
  return ticks / TICKS_PER_SECOND;
}

/** Resident memory now and at its peak (VmHWM), in MiB, of one process. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Proportional set size of the tree under `root`, in MiB: each process's private pages plus its share
 * of pages it shares (PostgreSQL's shared buffers count once over its backends, not once per backend).
 * A process whose smaps_rollup cannot be read counts its resident size.
 */
export function treeMemoryMiB(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      try {
        kb += memoryMiB(pid).rss * 1024;
      } catch {
        // Exited between the listing and the read.
      }
    }
  }
  return kb / 1024;
}

/** The command line of a process (PostgreSQL's backends rewrite theirs: `postgres: user db host state`). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

/**
 * CPU-seconds used so far by the tree under `root`, split by what `classify` names each process
 * (`undefined`: 'rest'). A process that exits moves its time to its parent's reaped-children counters,
 * so a split is exact only for long-lived processes (pooled database connections are).
 */
export function cpuSecondsBy(
  root: number,
  classify: (pid: number) => string | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pid of processTree(root)) {
    const key = classify(pid) ?? 'rest';
    out[key] = (out[key] ?? 0) + (readStat(pid)?.ticks ?? 0) / TICKS_PER_SECOND;
  }
  return out;
}

/** CPU-seconds every core of the machine has spent busy since boot (/proc/stat: all but idle and iowait). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, ...fields] = line.trim().split(/\s+/);
  const ticks = fields.map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal (guest is inside user)
  return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) / TICKS_PER_SECOND;
}
