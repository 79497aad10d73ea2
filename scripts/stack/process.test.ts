import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitedAtStart, freePort, startedOnFreePorts, startProcess, waitFor } from './process.js';

const logDir = mkdtempSync(join(tmpdir(), 'stack-process-'));

/** A process that prints `lines` and exits with 1, as a server that cannot start does. */
function dying(name: string, lines: string[]) {
  const script = `${lines.map((line) => `console.error(${JSON.stringify(line)});`).join('')}process.exit(1);`;
  const logFile = join(logDir, `${name}.log`);
  return { proc: startProcess(name, process.execPath, ['-e', script], { logFile }), logFile };
}

async function startFailure(name: string, lines: string[]): Promise<ExitedAtStart> {
  const { proc, logFile } = dying(name, lines);
  const failure = await waitFor(name, async () => false, { process: proc, logFile }).catch((err) => err);
  expect(failure).toBeInstanceOf(ExitedAtStart);
  return failure as ExitedAtStart;
}

describe('freePort', () => {
  it('never hands out the same port twice, though each probed port is free again at once', async () => {
    const ports = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(300);
  });

  it('hands out ports that can be bound', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('a process that dies before it serves', () => {
  it('fails the wait with its exit code and its last lines of output, port not taken', async () => {
    const failure = await startFailure('broken', ['starting', 'Error: no keys in keys.json']);
    expect(failure.message).toMatch(/^broken: process exited with 1; see .*broken\.log; it ended:\n/);
    expect(failure.message).toContain('starting\nError: no keys in keys.json');
    expect(failure.portTaken).toBe(false);
  });

  it('says its port was taken when it died of EADDRINUSE (node) or "address already in use" (servers)', async () => {
    const node = await startFailure('node-server', [
      'Error: listen EADDRINUSE: address in use 127.0.0.1:4040',
    ]);
    const postgres = await startFailure('postgres-server', [
      'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      'FATAL:  could not create any TCP/IP sockets',
    ]);
    expect([node.portTaken, postgres.portTaken]).toEqual([true, true]);
  });

  it('keeps only the last lines of a long output', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const failure = await startFailure('chatty', lines);
    expect(failure.message).toContain('line 39');
    expect(failure.message).not.toContain('line 27\n');
    expect(failure.message).toContain('line 28');
  });
});

describe('a stack started again on new ports', () => {
  const portTaken = new ExitedAtStart('api: process exited with 1; …\nEADDRINUSE', true);
  const broken = new ExitedAtStart('api: process exited with 1; …\nno keys', false);

  /** A start that fails with `failures` in turn, then answers its attempt's number. */
  function starts(failures: Error[]) {
    let attempts = 0;
    return {
      start: async () => {
        const failure = failures[attempts++];
        if (failure) throw failure;
        return attempts;
      },
      attempts: () => attempts,
    };
  }

  it('when a process lost its port to another, up to the attempts given, saying so each time', async () => {
    const said: string[] = [];
    const twice = starts([portTaken, portTaken]);
    expect(await startedOnFreePorts(twice.start, 3, (line) => said.push(line))).toBe(3);
    expect(said).toEqual([
      '[stack] api: process exited with 1; …: its port was taken; starting again on new ports',
      '[stack] api: process exited with 1; …: its port was taken; starting again on new ports',
    ]);
    const always = starts([portTaken, portTaken, portTaken, portTaken]);
    await expect(startedOnFreePorts(always.start, 3, () => {})).rejects.toBe(portTaken);
    expect(always.attempts()).toBe(3);
  });

  it('never for any other failure', async () => {
    for (const failure of [broken, new Error('postgres: not ready after 60000 ms')]) {
      const once = starts([failure]);
      await expect(startedOnFreePorts(once.start, 3, () => {})).rejects.toBe(failure);
      expect(once.attempts()).toBe(1);
    }
  });
});
