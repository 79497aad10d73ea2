/**
 * What an order leaves in PostgreSQL: rows and bytes (`pg_total_relation_size`: table, indexes and
 * TOAST) of every table of the app's database, and in cluster mode the size of Temporal's databases
 * and the rows of its history table. A snapshot before and after a phase gives the growth per order.
 */
import postgres from 'postgres';
import type { BenchContext } from './context.js';

export interface StorageSnapshot {
  app: Record<string, { rows: number; bytes: number }>;
  /** Cluster mode: Temporal's databases on the stack's PostgreSQL (the dev server keeps SQLite). */
  temporal?: { bytes: number; historyNodeRows: number; executionRows: number };
}

export async function storageSnapshot(ctx: BenchContext): Promise<StorageSnapshot> {
  const { pg } = ctx;
  const tables = await pg<{ name: string; bytes: string }[]>`
    select c.relname as name, pg_total_relation_size(c.oid) as bytes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'
     order by c.relname`;
  const app: StorageSnapshot['app'] = {};
  for (const t of tables) {
    const [row] = await pg.unsafe<{ n: string }[]>(`select count(*) as n from "${t.name}"`);
    app[t.name] = { rows: Number(row?.n ?? 0), bytes: Number(t.bytes) };
  }
  return ctx.target === 'cluster' ? { app, temporal: await temporalStorage(ctx) } : { app };
}

/** Temporal's two databases (every `temporal…` database on the stack's private server is this run's). */
async function temporalStorage(ctx: BenchContext): Promise<NonNullable<StorageSnapshot['temporal']>> {
  const databases = await ctx.pg<{ name: string; bytes: string }[]>`
    select datname as name, pg_database_size(datname) as bytes from pg_database where datname like 'temporal%'`;
  const main = databases.find((d) => !d.name.includes('visibility'));
  let historyNodeRows = 0;
  let executionRows = 0;
  if (main) {
    const url = new URL(ctx.env.DATABASE_URL);
    url.pathname = `/${main.name}`;
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const [counts] = await sql<{ nodes: string; executions: string }[]>`
        select (select count(*) from history_node) as nodes, (select count(*) from executions) as executions`;
      historyNodeRows = Number(counts?.nodes ?? 0);
      executionRows = Number(counts?.executions ?? 0);
    } finally {
      await sql.end({ timeout: 5 });
    }
  }
  return {
    bytes: databases.reduce((sum, d) => sum + Number(d.bytes), 0),
    historyNodeRows,
    executionRows,
  };
}

/**
 * Growth per order between two snapshots: every app table that grew (rows or bytes), and Temporal's.
 * `users` is left out of the total: every bench order has a buyer of its own, which real traffic does not.
 */
export function storagePerOrder(before: StorageSnapshot, after: StorageSnapshot, orders: number) {
  const n = Math.max(1, orders);
  const byTable: Record<string, { rows: number; bytes: number }> = {};
  for (const [name, now] of Object.entries(after.app)) {
    const was = before.app[name] ?? { rows: 0, bytes: 0 };
    const rows = now.rows - was.rows;
    const bytes = now.bytes - was.bytes;
    if (rows !== 0 || bytes !== 0) byTable[name] = { rows: round(rows / n), bytes: Math.round(bytes / n) };
  }
  const counted = Object.entries(byTable).filter(([name]) => name !== 'users');
  return {
    orders,
    appBytes: counted.reduce((sum, [, t]) => sum + t.bytes, 0),
    appRows: round(counted.reduce((sum, [, t]) => sum + t.rows, 0)),
    byTable,
    ...(before.temporal &&
      after.temporal && {
        temporal: {
          bytes: Math.round((after.temporal.bytes - before.temporal.bytes) / n),
          historyNodeRows: round((after.temporal.historyNodeRows - before.temporal.historyNodeRows) / n),
          executionRows: round((after.temporal.executionRows - before.temporal.executionRows) / n),
        },
      }),
  };
}

export type StoragePerOrder = ReturnType<typeof storagePerOrder>;

const round = (x: number) => Math.round(x * 100) / 100;
