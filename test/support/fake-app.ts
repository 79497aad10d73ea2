/**
 * The API in the test's process with fake dependencies, for the route tests beside each route group
 * (`api/routes/<group>/*.test.ts`, unit project, no stack): createApp(deps) as in production, called
 * with `app.request`. The fakes are strict: a query, Redis command or Temporal call they were not
 * given an answer for throws, so the request ends in a 500 and the test says what was asked.
 *
 * - Database: a real drizzle instance on the pg-proxy driver, so queries are built as in production and
 *   reach `answer(sql, params)`. Selects from a table answer with the `rows` given for it (filtered by
 *   a `where "table"."column" = $1` when there is one); inserts without RETURNING succeed with
 *   nothing (the users row every authenticated request ensures); anything else throws.
 * - Redis: the rate limiter's one command (`eval`), always the first hit of a window.
 * - Temporal: `workflow.getHandle(id).executeUpdate(name, { args })` calls `onUpdate`; nothing else.
 */
import type { Client } from '@temporalio/client';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pg-proxy';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { expect } from 'vitest';
import { createApp } from '../../api/app.js';
import { signToken } from '../../api/middleware/auth.js';
import type { App, AuthUser } from '../../api/types.js';
import { loadEnv } from '../../config/env.js';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema/index.js';
import type { Login } from '../../domain/step-up.js';

export interface Query {
  sql: string;
  params: unknown[];
}

export interface UpdateCall {
  workflowId: string;
  update: string;
  args: unknown[];
}

export interface FakeAppOptions {
  /** Rows (as the app's queries return them) by table, answered to selects from that table. */
  rows?: Array<{ table: Table; rows: Array<Record<string, unknown>> }>;
  /** Plays the workflow's update handler (or validator): its return value is the update's result. */
  onUpdate?: (call: UpdateCall) => unknown;
}

export interface FakeApp {
  app: App;
  /** Every query the app sent, in order. */
  queries: Query[];
  /** Every workflow update the app called, in order. */
  updates: UpdateCall[];
  /** Writes (insert, update, delete) to `table`'s SQL name. */
  writesTo(table: Table): Query[];
  /**
   * A request as `user` (a bearer token signed with the app's secret) or, without one, anonymous. The
   * token's login is a multi-factor one of this moment unless `login` says otherwise: route tests test
   * the route; api/middleware/step-up.test.ts tests the step-up.
   */
  call(
    method: string,
    path: string,
    options?: {
      as?: AuthUser;
      login?: Login;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Answer>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

const freshMultiFactorLogin = (): Login => ({
  amr: ['pwd', 'otp', 'mfa'],
  authTime: Math.floor(Date.now() / 1000),
});

export function fakeApp(options: FakeAppOptions = {}): FakeApp {
  const queries: Query[] = [];
  const updates: UpdateCall[] = [];
  const tables = new Map((options.rows ?? []).map((t) => [getTableName(t.table), t]));
  const db = drizzle(
    async (sql, params) => {
      queries.push({ sql, params });
      return { rows: answer(sql, params, tables) };
    },
    { schema },
  ) as unknown as Db;
  const redis = {
    eval: async () => [1, 60_000],
  } as unknown as Redis;
  const temporal = {
    workflow: {
      getHandle: (workflowId: string) => ({
        workflowId,
        // By name or by its definition (`defineUpdate`), as the client takes it.
        executeUpdate: async (definition: string | { name: string }, opts: { args?: unknown[] } = {}) => {
          const update = typeof definition === 'string' ? definition : definition.name;
          const call = { workflowId, update, args: opts.args ?? [] };
          updates.push(call);
          if (!options.onUpdate) throw new Error(`fake Temporal: no answer for update ${update}`);
          return options.onUpdate(call);
        },
      }),
    },
  } as unknown as Client;
  const app = createApp({ db, redis, temporal, env, log: pino({ level: 'silent' }) });

  return {
    app,
    queries,
    updates,
    writesTo: (table) => {
      const name = getTableName(table);
      return queries.filter((q) =>
        new RegExp(`^(insert into|update|delete from) "${name}"`, 'i').test(q.sql.trim()),
      );
    },
    async call(method, path, { as, login = freshMultiFactorLogin(), body, rawBody, headers = {} } = {}) {
      const token = as && (await signToken(env.JWT_SECRET, { sub: as.id, role: as.role, login }));
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const res = await app.request(path, {
        method,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(payload !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(payload !== undefined && { body: payload }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {}
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}

/** The driver's rows for one query: arrays in the select list's column order. */
function answer(
  sql: string,
  params: unknown[],
  tables: Map<string, { table: Table; rows: Array<Record<string, unknown>> }>,
): unknown[] {
  const text = sql.trim();
  if (/^insert into "\w+"/i.test(text) && !/\breturning\b/i.test(text)) return [];
  const select = /^select (.+?) from "(\w+)"(?: where "\w+"\."(\w+)" = \$1)?(?: limit \$\d+)?$/is.exec(text);
  if (!select) throw new Error(`fake database: no answer for ${text}`);
  const [, list, tableName, whereColumn] = select;
  const known = tables.get(tableName!);
  if (!known) return [];
  const columns = Object.entries(getTableColumns(known.table));
  const byName = new Map(columns.map(([key, column]) => [column.name, { key, column }]));
  const selected = [...list!.matchAll(/"(\w+)"(?:\."(\w+)")?/g)].map((m) => m[2] ?? m[1]!);
  const driverValue = (row: Record<string, unknown>, name: string) => {
    const field = byName.get(name);
    if (!field) throw new Error(`fake database: ${tableName} has no column ${name}`);
    const value = row[field.key];
    return value === null || value === undefined ? null : field.column.mapToDriverValue(value);
  };
  return known.rows
    .filter((row) => !whereColumn || String(driverValue(row, whereColumn)) === String(params[0]))
    .map((row) => selected.map((name) => driverValue(row, name)));
}

/** The answer is `status` problem+json with the stable `code` (RFC 9457, api/problem.ts). */
export function expectProblem(res: Answer, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: `https://escrowflow.dev/problems/${code}` });
}
