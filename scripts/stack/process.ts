/** Child processes of the stack: started with a label, logged to a file, stopped in reverse order. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';

export interface Managed {
  name: string;
  child: ChildProcess;
  /** Stops the process (its own stop signal unless `signal` is given) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Settles once the process exited and its output ended. */
  closed: Promise<void>;
  /** Its last lines of output (stdout and stderr), kept in memory. */
  lastOutput(): string;
}

const KEPT_OUTPUT_BYTES = 4096;

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string; stopSignal?: NodeJS.Signals },
): Managed {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  // The last chunks as they came, decoded only when asked: a chatty process costs a push per chunk.
  const kept: Buffer[] = [];
  let keptBytes = 0;
  const keep = (chunk: Buffer) => {
    kept.push(chunk);
    keptBytes += chunk.length;
    while (kept.length > 1 && keptBytes - kept[0]!.length >= KEPT_OUTPUT_BYTES)
      keptBytes -= kept.shift()!.length;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    name,
    child,
    closed,
    lastOutput: () => Buffer.concat(kept).toString('utf8').slice(-KEPT_OUTPUT_BYTES),
    async stop(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal ?? options.stopSignal ?? 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it is true; fails with the process's exit when it dies first. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs?: number; process?: Managed; logFile?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    const child = options.process?.child;
    if (options.process && child && child.exitCode !== null) {
      await options.process.closed;
      throw exitedAtStart(what, child.exitCode, options.logFile, options.process.lastOutput());
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${what}: not ready after ${options.timeoutMs ?? 30_000} ms; see ${options.logFile ?? 'its log'}`,
  );
}

/**
 * A process that died before it served. A CI log keeps only the error, so it carries the log's last
 * lines; `portTaken` says another process bound the port first (the stack may start again elsewhere).
 */
export class ExitedAtStart extends Error {
  constructor(
    message: string,
    readonly portTaken: boolean,
  ) {
    super(message);
  }
}

const PORT_TAKEN = /EADDRINUSE|address already in use/i;

function exitedAtStart(what: string, code: number, logFile: string | undefined, output: string) {
  const tail = output.trimEnd().split('\n').slice(-12).join('\n');
  return new ExitedAtStart(
    `${what}: process exited with ${code}; see ${logFile ?? 'its log'}${tail && `; it ended:\n${tail}`}`,
    PORT_TAKEN.test(tail),
  );
}

/**
 * Runs `start` (which picks its ports afresh each time) again while a process it started died
 * because its port was taken, up to `attempts` times in all.
 */
export async function startedOnFreePorts<T>(
  start: () => Promise<T>,
  attempts: number,
  say: (line: string) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (!(err instanceof ExitedAtStart && err.portTaken) || attempt >= attempts) throw err;
      say(`[stack] ${err.message.split('\n')[0]}: its port was taken; starting again on new ports`);
    }
  }
}

/**
 * Ports this process has handed out. A probed port is free again as soon as the probe closes, so
 * without this two picks in a row can name the same port (about 1 stack in 100 here), and the
 * second of the two processes to bind it dies.
 */
const handedOut = new Set<number>();

/** A port free now and not handed out before by this process; the caller binds it soon after. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probeFreePort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

async function probeFreePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
