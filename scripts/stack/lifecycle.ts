/**
 * What a stack started and how to undo it: the processes by name (and how each was started, so
 * `restart` can do it again) and the clean-ups to run after they stop.
 */
import type { StackProcess } from './index.js';
import type { Managed } from './process.js';

export class StackLifecycle {
  /** The processes this stack started, by role (not the servers the environment named). */
  readonly processes: Partial<Record<StackProcess, Managed>> = {};
  private readonly started: Managed[] = [];
  private readonly starters: Partial<Record<StackProcess, () => Promise<Managed>>> = {};
  private readonly cleanups: Array<() => Promise<void>> = [];

  /** Starts a process through `start`, remembering how so `restart` can do it again. */
  own = async (name: StackProcess, start: () => Promise<Managed>): Promise<Managed> => {
    this.starters[name] = start;
    const proc = await start();
    this.processes[name] = proc;
    this.started.push(proc);
    return proc;
  };

  /** Records a process already started, and how to start it again. */
  adopt = (name: StackProcess, proc: Managed, again: () => Promise<Managed>): void => {
    this.processes[name] = proc;
    this.started.push(proc);
    this.starters[name] = again;
  };

  /** Runs when the stack stops, after its processes; the last one added runs first. */
  onStop = (cleanup: () => Promise<void>): void => {
    this.cleanups.push(cleanup);
  };

  /** Runs when the stack stops, after every other clean-up. */
  onStopLast = (cleanup: () => Promise<void>): void => {
    this.cleanups.unshift(cleanup);
  };

  /** Stops every process, newest first, then runs the clean-ups; a failing step does not stop the rest. */
  stop = async (): Promise<void> => {
    for (const proc of [...this.started].reverse()) await proc.stop().catch(() => {});
    for (const cleanup of [...this.cleanups].reverse()) await cleanup().catch(() => {});
  };

  /** Stops `name` (`signal`, SIGKILL for a crash) and starts it again the way it was started. */
  restart = async (name: StackProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const current = this.processes[name];
    const start = this.starters[name];
    if (!current || !start) throw new Error(`${name} is not a process this stack started`);
    await current.stop(signal);
    this.started.splice(this.started.indexOf(current), 1);
    const next = await start();
    this.processes[name] = next;
    this.started.push(next);
  };
}
