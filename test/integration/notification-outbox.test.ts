/**
 * The notification outbox on a database of its own (the stack's worker dispatches the stack's): rows
 * written with a status change are delivered once each, a failed delivery is tried again later, and
 * rows a crashed dispatcher had claimed come due again when their lease ends.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import {
  claimDueNotifications,
  enqueueNotifications,
  pendingNotificationCount,
} from '../../db/queries/notification-outbox.js';
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

/** Runs `body` while a dispatcher delivers through `deliver`, then stops it. */
async function withDispatcher(
  deliver: (n: NotifyInput) => Promise<void>,
  idleMs: number,
  body: () => Promise<void>,
): Promise<void> {
  const dispatcher = startOutboxDispatcher({ db: handle.db, sql: handle.sql, deliver, log: quiet, idleMs });
  try {
    await body();
  } finally {
    await dispatcher.stop();
  }
}

describe('notification outbox', () => {
  it('delivers each row once, woken by the commit, and the same dedupe key is owed only once', async () => {
    const delivered: string[] = [];
    const deliver = async (n: NotifyInput) => {
      delivered.push(n.dedupeKey);
    };
    await withDispatcher(deliver, 60_000, async () => {
      const notices = [notice(1), notice(2), notice(3)];
      await handle.db.transaction((tx) => enqueueNotifications(tx, notices));
      await handle.db.transaction((tx) => enqueueNotifications(tx, [notices[0]!]));
      // Idle for a minute: only the LISTEN wake-up makes this fast.
      await eventually(async () => (await pendingNotificationCount(handle.db)) === 0, 10_000);
      expect(delivered.sort()).toEqual(notices.map((n) => n.dedupeKey).sort());
    });
  });

  it('a failed delivery stays owed and is tried again after its backoff, until it goes through', async () => {
    let calls = 0;
    const deliver = async () => {
      calls++;
      if (calls === 1) throw new Error('smtp down');
    };
    await withDispatcher(deliver, 100, async () => {
      await handle.db.transaction((tx) => enqueueNotifications(tx, [notice(4)]));
      const [row] = await eventually(async () => {
        const rows = await handle.db.select().from(notificationOutbox);
        return rows[0]?.lastError ? rows : undefined;
      });
      expect(row).toMatchObject({ attempts: 1, lastError: 'Error: smtp down' });
      await eventually(async () => (await pendingNotificationCount(handle.db)) === 0, 10_000);
      expect(calls).toBe(2);
    });
  });

  it('rows claimed by a dispatcher that died come due again when the lease ends', async () => {
    await handle.db.transaction((tx) => enqueueNotifications(tx, [notice(5)]));
    const [claimed] = await claimDueNotifications(handle.db, 10, 1_000);
    expect(claimed).toBeDefined();
    expect(await claimDueNotifications(handle.db, 10, 1_000)).toEqual([]);
    const delivered: string[] = [];
    const deliver = async (n: NotifyInput) => {
      delivered.push(n.dedupeKey);
    };
    await withDispatcher(deliver, 100, async () => {
      await eventually(async () => (await pendingNotificationCount(handle.db)) === 0, 10_000);
      expect(delivered).toEqual([claimed!.dedupeKey]);
      expect(
        await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, claimed!.id)),
      ).toEqual([]);
    });
  });

  it('backs off from 1 s doubling to 5 minutes', () => {
    expect([1, 2, 3, 10, 20].map(outboxBackoffMs)).toEqual([1_000, 2_000, 4_000, 300_000, 300_000]);
  });
});
