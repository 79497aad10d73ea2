/**
 * The Temporal CLI dev server: SQLite file under `.data/`, Web UI, the search attributes of docs/design.md
 * registered at start, and the dynamic config that removes the transfer-queue poll wait.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../domain/task-queues.js';
import { temporalCliPath } from './paths.js';
import { type Managed, startProcess, waitFor } from './process.js';

export async function startTemporal(options: {
  dir: string;
  port: number;
  uiPort?: number;
  /** The remote codec the UI calls to show decrypted payloads (`--ui-codec-endpoint`). */
  codecEndpoint?: string;
}): Promise<{ address: string; uiUrl?: string; process: Managed; version: string }> {
  const cli = temporalCliPath();
  if (!existsSync(cli))
    throw new Error(`Temporal CLI not found at ${cli}: run scripts/bootstrap.sh or set TEMPORAL_CLI`);
  mkdirSync(options.dir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    join(options.dir, 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--sqlite-pragma',
    'synchronous=NORMAL',
    '--dynamic-config-value',
    'history.transferProcessorMaxPollRPS=1000',
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
    ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
    ...(options.uiPort ? ['--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1'] : ['--headless']),
    ...(options.uiPort && options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
  ];
  const logFile = join(options.dir, 'temporal.log');
  const proc = startProcess('temporal', cli, args, { logFile });
  const address = `127.0.0.1:${options.port}`;
  await waitFor('temporal', () => namespaceReady(address), { process: proc, logFile, timeoutMs: 60_000 });
  const version = execFileSync(cli, ['--version']).toString().trim();
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    process: proc,
    version,
  };
}

async function namespaceReady(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    return true;
  } finally {
    await connection.close();
  }
}
