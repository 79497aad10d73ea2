/**
 * A private PostgreSQL server under `.data/`, on a loopback port of its own. initdb refuses root, so
 * as root the server runs as the `postgres` user (setpriv), owning its data directory.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { type Managed, startProcess, waitFor } from './process.js';

export const APP_ROLE = 'escrowflow';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const latest = versions.at(-1);
  if (!latest) throw new Error('PostgreSQL is not installed: run scripts/bootstrap.sh or set DATABASE_URL');
  return join(root, latest, 'bin');
}

const isRoot = () => process.getuid?.() === 0;

function asPostgres(command: string, args: string[]): [string, string[]] {
  return isRoot()
    ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]]
    : [command, args];
}

function ensureOwned(path: string): void {
  mkdirSync(path, { recursive: true });
  if (!isRoot()) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(path, uid, gid);
}

export async function startPostgres(options: {
  dir: string;
  port: number;
}): Promise<{ url: string; process: Managed; version: string }> {
  const dataDir = join(options.dir, 'data');
  const socketDir = join(options.dir, 'run');
  ensureOwned(options.dir);
  ensureOwned(socketDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    ensureOwned(dataDir);
    const [cmd, args] = asPostgres(join(binDir(), 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
    execFileSync(cmd, args, { stdio: 'pipe' });
    writeFileSync(join(options.dir, '.initialized'), new Date().toISOString());
  }
  const [cmd, args] = asPostgres(join(binDir(), 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(options.port),
    '-k',
    socketDir,
    '-h',
    '127.0.0.1',
    '-c',
    'max_connections=200',
    '-c',
    'fsync=on',
    '-c',
    'shared_buffers=128MB',
  ]);
  const logFile = join(options.dir, 'postgres.log');
  const proc = startProcess('postgres', cmd, args, { logFile, stopSignal: 'SIGINT' });
  const adminUrl = `postgres://postgres@127.0.0.1:${options.port}/postgres`;
  await waitFor('postgres', () => canConnect(adminUrl), { process: proc, logFile, timeoutMs: 60_000 });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ server_version: string }[]>`show server_version`;
    const [role] = await admin`select 1 from pg_roles where rolname = ${APP_ROLE}`;
    if (!role) await admin.unsafe(`create role ${APP_ROLE} login createdb`);
    return {
      url: `postgres://${APP_ROLE}@127.0.0.1:${options.port}`,
      process: proc,
      version: row?.server_version ?? '?',
    };
  } finally {
    await admin.end();
  }
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Creates `name` on the server of `serverUrl` (a URL without or with a database) when missing. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}
