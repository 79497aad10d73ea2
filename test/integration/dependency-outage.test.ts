/**
 * A request whose PostgreSQL connection is terminated under it (a restart, a failover, an operator's
 * pg_terminate_backend) answers 503 `upstream_unavailable` with Retry-After, through the API's own
 * error handler, with the error the real driver throws.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { handleError } from '../../api/problem.js';
import { testDb } from '../support/stack.js';

const { db, close } = testDb();
afterAll(() => close());

describe('PostgreSQL terminating a request’s connection', () => {
  it('answers 503 upstream_unavailable with Retry-After, not a 500', async () => {
    const marker = `outage-${randomUUID()}`;
    const app = new Hono();
    app.onError(handleError);
    app.get('/slow', async (c) => {
      await db.execute(sql.raw(`select pg_sleep(60) /* ${marker} */`));
      return c.text('not terminated');
    });
    const answered = app.request('/slow');

    const running = `select pid from pg_stat_activity where query like '%${marker}%' and pid <> pg_backend_pid()`;
    // Polls until the slow query is on its connection, then ends that connection.
    while ((await db.execute(sql.raw(running))).length === 0);
    await db.execute(sql.raw(`select pg_terminate_backend(pid) from (${running}) running`));

    const res = await answered;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 503, code: 'upstream_unavailable' });
  });
});
