/**
 * Cluster mode's databases (scripts/stack/temporal-cluster.ts): their names per run, their creation
 * and migration with Temporal's SQL tool, and dropping a test run's pair.
 */
import { execFileSync } from 'node:child_process';
import postgres from 'postgres';

/** The schemas embedded in the SQL tool (the same files as the module's schema/ directory). */
export const SCHEMAS = {
  temporal: 'postgresql/v12/temporal',
  visibility: 'postgresql/v12/visibility',
} as const;

/**
 * The cluster's two databases: `temporal` and `temporal_visibility` for `npm run start:cluster`, names
 * of their own for each test run (like the app's test database), dropped by `dropTemporalClusterDatabases`.
 */
export function temporalClusterDatabases(mode: 'dev' | 'test'): { temporal: string; visibility: string } {
  if (mode === 'dev') return { temporal: 'temporal', visibility: 'temporal_visibility' };
  const run = `${Date.now().toString(36)}_${process.pid}`;
  return { temporal: `temporal_test_${run}`, visibility: `temporal_visibility_test_${run}` };
}

export async function dropTemporalClusterDatabases(
  pgUrl: string,
  databases: { temporal: string; visibility: string },
): Promise<void> {
  const url = new URL(pgUrl);
  url.pathname = '/postgres';
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    for (const name of [databases.temporal, databases.visibility]) {
      await sql.unsafe(`drop database if exists "${name}" with (force)`);
    }
  } finally {
    await sql.end();
  }
}

/**
 * Creates `database` when missing and brings its schema to the tool's newest version (a no-op when
 * it is there already): `setup-schema -v 0.0` makes the version tables, `update-schema` the rest.
 */
export async function setUpDatabase(
  sqlTool: string,
  pgUrl: string,
  database: string,
  schema: string,
  dir: string,
): Promise<void> {
  const url = new URL(pgUrl);
  const connection = [
    '--plugin',
    'postgres12',
    '--ep',
    url.hostname || '127.0.0.1',
    '-p',
    url.port || '5432',
    '-u',
    decodeURIComponent(url.username),
    '--pw',
    decodeURIComponent(url.password),
    '--db',
    database,
  ];
  const run = (args: string[]) => {
    try {
      execFileSync(sqlTool, [...connection, ...args], { cwd: dir, stdio: 'pipe' });
    } catch (err) {
      const out = err as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(
        `temporal sql tool ${args[0]} ${database} failed:\n${out.stderr?.toString() ?? ''}${out.stdout?.toString() ?? ''}`,
      );
    }
  };
  if (!(await databaseExists(pgUrl, database))) run(['create-database', '--defaultdb', 'postgres']);
  run(['setup-schema', '-v', '0.0']);
  run(['update-schema', '--schema-name', `${schema}`]);
}

async function databaseExists(pgUrl: string, name: string): Promise<boolean> {
  const url = new URL(pgUrl);
  url.pathname = '/postgres';
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 from pg_database where datname = ${name}`;
    return Boolean(row);
  } finally {
    await sql.end();
  }
}
