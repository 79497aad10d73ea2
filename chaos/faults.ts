/**
 * The chaos: infrastructure faults in turn (worker SIGKILL, Temporal restart, every app PostgreSQL
 * connection terminated, Redis restart), one every few seconds while the load runs. A watchdog
 * notices processes that die on their own, and after each Temporal restart the API and the worker
 * must recover by themselves: when they do not, that is a finding, and only then are they restarted.
 */
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import postgres from 'postgres';
import { ALL_TASK_QUEUES } from '../domain/task-queues.js';
import type { Stack, StackProcess } from '../scripts/stack/index.js';
import { sleep } from './client.js';
import { crashLines } from './logs.js';

export const FAULT_KINDS = ['workerKill', 'temporalRestart', 'pgTerminate', 'redisRestart'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultEvent {
  kind: FaultKind | 'revive';
  at: string;
  /** How long the fault took to inject (a restart waits until the process serves again). */
  ms: number;
  detail?: string;
}

export class Chaos {
  readonly counts: Record<FaultKind, number> = {
    workerKill: 0,
    temporalRestart: 0,
    pgTerminate: 0,
    redisRestart: 0,
  };
  readonly events: FaultEvent[] = [];
  readonly findings: string[] = [];
  /** Restarts the chaos did not plan: a process died or stopped serving on its own. */
  readonly revived: Partial<Record<StackProcess, number>> = {};
  /** After each Temporal restart: how long until the API's /readyz said ok again. */
  readonly apiReadyAfterTemporalMs: number[] = [];
  lastFaultAt = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Processes being stopped on purpose; any other exit is unexpected. */
  private readonly stopping = new Set<StackProcess>();
  private stopped = false;

  constructor(
    private readonly stack: Stack,
    private readonly say: (line: string) => void,
  ) {
    for (const name of Object.keys(stack.processes) as StackProcess[]) this.watch(name);
  }

  /** Restarts run one at a time: the chaos loop and the watchdog both use them. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  private watch(name: StackProcess): void {
    const child = this.stack.processes[name]?.child;
    child?.once('exit', (code, signal) => {
      if (this.stopping.has(name) || this.stopped) return;
      const last = this.events.findLast((e) => e.kind !== 'revive');
      const after = last ? `, ${Date.now() - Date.parse(last.at) - last.ms} ms after ${last.kind}` : '';
      void this.revive(name, 'exited', async () => {
        await sleep(500); // its last words may still be in the pipe to the log file
        const why = crashLines(join(this.stack.logDir, `${name}.log`));
        this.finding(
          `${name} exited on its own (code ${code}, signal ${signal}${after})${why ? `: ${why}` : ''}; log ${name}.log`,
        );
      });
    });
  }

  private async restart(name: StackProcess, signal?: NodeJS.Signals): Promise<void> {
    this.stopping.add(name);
    try {
      await this.stack.restart(name, signal);
    } finally {
      this.stopping.delete(name);
    }
    this.watch(name);
  }

  private revive(name: StackProcess, why: string, first?: () => Promise<void>): Promise<void> {
    return this.serial(async () => {
      await first?.();
      if (this.stopped) return;
      const started = Date.now();
      await this.restart(name);
      this.revived[name] = (this.revived[name] ?? 0) + 1;
      this.events.push({
        kind: 'revive',
        at: new Date().toISOString(),
        ms: Date.now() - started,
        detail: `${name}: ${why}`,
      });
      this.say(`revived ${name} (${why}) in ${Date.now() - started} ms`);
    });
  }

  finding(text: string): void {
    this.findings.push(text);
    this.say(`FINDING: ${text}`);
  }

  inject(kind: FaultKind): Promise<void> {
    return this.serial(async () => {
      const started = Date.now();
      let detail: string | undefined;
      switch (kind) {
        case 'workerKill':
          await this.restart('worker', 'SIGKILL');
          break;
        case 'temporalRestart':
          await this.restart('temporal');
          detail = await this.afterTemporalRestart();
          break;
        case 'pgTerminate':
          detail = `${await this.terminateConnections()} connections`;
          break;
        case 'redisRestart':
          await this.restart('redis');
          break;
      }
      this.counts[kind] += 1;
      this.lastFaultAt = Date.now();
      this.events.push({ kind, at: new Date(started).toISOString(), ms: Date.now() - started, detail });
      this.say(
        `fault ${kind} #${this.counts[kind]} (${Date.now() - started} ms${detail ? `, ${detail}` : ''})`,
      );
    });
  }

  /** Faults in turn, `intervalMs` apart, until `done()` and at least one of each kind. */
  async run(done: () => boolean, intervalMs: number): Promise<void> {
    for (let i = 0; !this.stopped; i++) {
      if (done() && i >= FAULT_KINDS.length) break;
      await sleep(intervalMs);
      if (done() && i >= FAULT_KINDS.length) break;
      await this.inject(FAULT_KINDS[i % FAULT_KINDS.length]!);
    }
  }

  /** Called before the stack stops: exits from now on are ours. */
  stop(): void {
    this.stopped = true;
  }

  private async terminateConnections(): Promise<number> {
    const sql = postgres(this.stack.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ terminated: boolean }[]>`
        select pg_terminate_backend(pid) as terminated from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`;
      return rows.filter((r) => r.terminated).length;
    } finally {
      await sql.end({ timeout: 2 });
    }
  }

  /**
   * The API and the worker keep their own connections to Temporal: both must come back without a
   * restart. Waits up to a minute for each; a process that does not is a finding, then restarted.
   */
  private async afterTemporalRestart(): Promise<string> {
    const started = Date.now();
    const apiReady = await until(60_000, async () => {
      const res = await fetch(`${this.stack.urls.api}/readyz`, { signal: AbortSignal.timeout(3_000) });
      return res.ok;
    });
    const notes: string[] = [];
    if (apiReady) {
      this.apiReadyAfterTemporalMs.push(Date.now() - started);
      notes.push(`api ready in ${Date.now() - started} ms`);
    } else {
      const alive = this.stack.processes.api?.child.exitCode === null;
      this.finding(
        `api not ready 60 s after Temporal restart #${this.counts.temporalRestart + 1} (process ${alive ? 'alive' : 'dead'}); restarting it`,
      );
      await this.restart('api');
      this.revived.api = (this.revived.api ?? 0) + 1;
    }
    const polling = await until(60_000, () => hasPollers(this.stack.env.TEMPORAL_ADDRESS!));
    if (polling) notes.push(`worker polling in ${Date.now() - started} ms`);
    else {
      this.finding(
        `worker not polling every task queue 60 s after Temporal restart #${this.counts.temporalRestart + 1}; restarting it`,
      );
      await this.restart('worker');
      this.revived.worker = (this.revived.worker ?? 0) + 1;
    }
    return notes.join(', ');
  }
}

async function until(timeoutMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

/** After a Temporal restart the server knows only pollers that came back, so this is a fresh answer. */
async function hasPollers(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    for (const name of ALL_TASK_QUEUES) {
      const res = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name },
        taskQueueType: 1,
      });
      const activities = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name },
        taskQueueType: 2,
      });
      if (!res.pollers?.length && !activities.pollers?.length) return false;
    }
    return true;
  } finally {
    await connection.close();
  }
}
