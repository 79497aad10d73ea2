/**
 * The notification outbox on a database of its own (the stack's worker dispatches the stack's): each
 * dedupe key is delivered exactly once, whether enqueued again before or after its delivery; a failed
 * delivery is tried again later; rows a crashed dispatcher had claimed come due again when their lease
 * ends.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { claimDueNotifications, enqueueNotifications } from '../../db/queries/notification-outbox.js';
import { notificationOutbox } from '../../db/schema/index.js';
import type { NotifyInput } from '../../domain/notifications.js';
import { dropDatabase, ensureDatabase } from '../../scripts/stack/postgres.js';
import { outboxBackoffMs, startOutboxDispatcher } from '../../workers/outbox-dispatcher.js';
import { eventually, stack } from '../support/stack.js';

let url: string;
let handle: ReturnType<typeof createDb>;
const quiet = { warn() {} };
const notice = (n: number): NotifyInput => ({
  dedupeKey: `order-o${n}:notify:${randomUUID()}`,
  userId: `u${n}`,
  type: 'order.paid',
  orderId: `o${n}`,
  payload: { n },
});

beforeAll(async () => {
  url = await ensureDatabase(stack().env.DATABASE_URL!, `outbox_${randomUUID().slice(0, 8)}`);
  await runMigrations(url);
  handle = createDb(url, { max: 4 });
});
afterAll(async () => {
  await handle?.close();
  if (url) await dropDatabase(url);
});

/** The rows of `keys` (this test's own: the database is shared by the file's tests). */
const rowsOf = (keys: readonly string[]) =>
  handle.db
    .select()
    .from(notificationOutbox)
    .where(inArray(notificationOutbox.dedupeKey, [...keys]));

/** Resolves once none of `keys` is owed any more. */
const deliveredAll = (keys: readonly string[]) =>
  eventually(async () => {
    const owed = await handle.db
      .select({ id: notificationOutbox.id })
      .from(notificationOutbox)
      .where(and(inArray(notificationOutbox.dedupeKey, [...keys]), isNull(notificationOutbox.deliveredAt)));
    return owed.length === 0;
  }, 10_000);

/** Runs `body` while a dispatcher (LISTEN on) delivers through `deliver`, then stops it. */
async function withDispatcher(
  deliver: (n: NotifyInput) => Promise<void>,
  idleMs: number,
  body: () => Promise<void>,
): Promise<void> {
  const dispatcher = startOutboxDispatcher({ db: handle.db, sql: handle.sql, deliver, log: quiet, idleMs });
  try {
    await dispatcher.ready;
    await body();
  } finally {
    await dispatcher.stop();
  }
}

describe('notification outbox', () => {
  it('delivers each dedupe key exactly once: enqueued again before its delivery, and again after it', async () => {
    const notices = [notice(1), notice(2), notice(3)];
    const keys = notices.map((n) => n.dedupeKey);
    // Before any delivery: the second enqueue of a key that is owed adds nothing.
    await handle.db.transaction((tx) => enqueueNotifications(tx, notices));
    await handle.db.transaction((tx) => enqueueNotifications(tx, [notices[0]!]));
    const owed = await rowsOf(keys);
    expect(owed.map((r) => r.dedupeKey).sort()).toEqual([...keys].sort());

    const delivered: string[] = [];
    const deliver = async (n: NotifyInput) => {
      delivered.push(n.dedupeKey);
    };
    // Idle for a minute: only the LISTEN wake-up on each commit makes this fast.
    await withDispatcher(deliver, 60_000, async () => {
      await deliveredAll(keys);
      // After its delivery: the key is still taken. A fresh notice in the same commit is delivered,
      // so by then the dispatcher has run a round after the repeat's commit.
      const later = notice(6);
      await handle.db.transaction((tx) => enqueueNotifications(tx, [notices[0]!, later]));
      await deliveredAll([later.dedupeKey]);
      expect(delivered.filter((k) => k === later.dedupeKey || keys.includes(k)).sort()).toEqual(
        [...keys, later.dedupeKey].sort(),
      );
    });
    const kept = await rowsOf(keys);
    expect(kept.map((r) => r.id).sort()).toEqual(owed.map((r) => r.id).sort());
    expect(kept.every((r) => r.deliveredAt !== null && r.attempts === 1)).toBe(true);
  });

  it('a failed delivery stays owed and is tried again after its backoff, until it goes through', async () => {
    const failing = notice(4);
    let calls = 0;
    const deliver = async (n: NotifyInput) => {
      if (n.dedupeKey !== failing.dedupeKey) return;
      calls++;
      if (calls === 1) throw new Error('smtp down');
    };
    await withDispatcher(deliver, 100, async () => {
      await handle.db.transaction((tx) => enqueueNotifications(tx, [failing]));
      const [row] = await eventually(async () => {
        const rows = await rowsOf([failing.dedupeKey]);
        return rows[0]?.lastError ? rows : undefined;
      });
      expect(row).toMatchObject({ attempts: 1, lastError: 'Error: smtp down', deliveredAt: null });
      await deliveredAll([failing.dedupeKey]);
      expect(calls).toBe(2);
      const [done] = await rowsOf([failing.dedupeKey]);
      expect(done).toMatchObject({ attempts: 2, lastError: null });
    });
  });

  it('rows claimed by a dispatcher that died come due again when the lease ends', async () => {
    const orphan = notice(5);
    await handle.db.transaction((tx) => enqueueNotifications(tx, [orphan]));
    const mine = <T extends { dedupeKey: string }>(rows: T[]) =>
      rows.filter((r) => r.dedupeKey === orphan.dedupeKey);
    const [claimed] = mine(await claimDueNotifications(handle.db, 100, 1_000));
    expect(claimed).toBeDefined();
    expect(mine(await claimDueNotifications(handle.db, 100, 1_000))).toEqual([]);
    const delivered: string[] = [];
    const deliver = async (n: NotifyInput) => {
      delivered.push(n.dedupeKey);
    };
    await withDispatcher(deliver, 100, async () => {
      await deliveredAll([orphan.dedupeKey]);
      expect(delivered.filter((k) => k === orphan.dedupeKey)).toEqual([orphan.dedupeKey]);
      const [row] = await handle.db
        .select()
        .from(notificationOutbox)
        .where(eq(notificationOutbox.id, claimed!.id));
      expect(row).toMatchObject({ attempts: 2, deliveredAt: expect.any(Date) });
    });
  });

  it('backs off from 1 s doubling to 5 minutes', () => {
    expect([1, 2, 3, 10, 20].map(outboxBackoffMs)).toEqual([1_000, 2_000, 4_000, 300_000, 300_000]);
  });
});
