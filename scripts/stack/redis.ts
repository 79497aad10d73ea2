/** A private Redis server under `.data/`, append-only so data survives restarts. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type Managed, startProcess, waitFor } from './process.js';

export async function startRedis(options: {
  dir: string;
  port: number;
}): Promise<{ url: string; process: Managed; version: string }> {
  mkdirSync(options.dir, { recursive: true });
  const logFile = join(options.dir, 'redis.log');
  const proc = startProcess(
    'redis',
    'redis-server',
    [
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      options.dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--daemonize',
      'no',
    ],
    { logFile },
  );
  const url = `redis://127.0.0.1:${options.port}`;
  await waitFor('redis', () => ping(url), { process: proc, logFile });
  const version = /v=([\d.]+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1] ?? '?';
  return { url, process: proc, version };
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } finally {
    client.disconnect();
  }
}
