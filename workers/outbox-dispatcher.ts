/**
 * Delivers the notification outbox: wakes on the commit of a status change that wrote rows (LISTEN),
 * or every `idleMs` for retries and missed wake-ups; claims a batch with a lease, delivers each through
 * the same `notify` the activity ran (preferences, dedupe keys, email, seller webhooks), marks what
 * was delivered (kept: exactly once per dedupe key, db/schema/notification-outbox.ts) and defers what
 * failed with a growing backoff. Runs in the process serving the `notifications` queue; several such
 * processes share the rows (SKIP LOCKED).
 */
import type { Sql } from 'postgres';
import type { Db } from '../db/client.js';
import {
  claimDueNotifications,
  deferNotification,
  markDelivered,
  OUTBOX_CHANNEL,
  type OutboxRow,
} from '../db/queries/notification-outbox.js';
import type { NotifyInput } from '../domain/notifications.js';

export interface OutboxDispatcherOptions {
  db: Db;
  sql: Sql;
  deliver: (notice: NotifyInput) => Promise<void>;
  log: { warn(obj: object, msg: string): void };
  batch?: number;
  leaseMs?: number;
  idleMs?: number;
}

/** The delay before attempt `attempts + 1`: 1 s doubling to 5 min, like the activity's retries. */
export const outboxBackoffMs = (attempts: number) =>
  Math.min(1_000 * 2 ** Math.max(attempts - 1, 0), 300_000);

export function startOutboxDispatcher({
  db,
  sql,
  deliver,
  log,
  batch = 100,
  leaseMs = 60_000,
  idleMs = 1_000,
}: OutboxDispatcherOptions) {
  let stopped = false;
  let wake: (() => void) | undefined;
  let pendingWake = false;
  const nudge = () => {
    pendingWake = true;
    wake?.();
  };
  const listening = sql.listen(OUTBOX_CHANNEL, nudge).catch((err: unknown) => {
    log.warn({ err: String(err) }, 'outbox: LISTEN failed, polling only');
    return undefined;
  });
  const idle = () =>
    new Promise<void>((resolve) => {
      if (pendingWake || stopped) return resolve();
      const timer = setTimeout(done, idleMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const deliverOne = async (row: OutboxRow): Promise<number | undefined> => {
    try {
      await deliver({
        dedupeKey: row.dedupeKey,
        userId: row.userId,
        type: row.type,
        ...(row.orderId && { orderId: row.orderId }),
        payload: row.payload,
      });
      return row.id;
    } catch (err) {
      log.warn(
        { dedupeKey: row.dedupeKey, attempts: row.attempts, err: String(err) },
        'outbox: delivery failed',
      );
      await deferNotification(db, row.id, outboxBackoffMs(row.attempts), String(err)).catch(() => {});
      return undefined;
    }
  };

  const loop = (async () => {
    while (!stopped) {
      pendingWake = false;
      let rows: OutboxRow[] = [];
      try {
        rows = await claimDueNotifications(db, batch, leaseMs);
        const delivered = await Promise.all(rows.map(deliverOne));
        await markDelivered(
          db,
          delivered.filter((id): id is number => id !== undefined),
        );
      } catch (err) {
        // PostgreSQL away: the claimed rows come due again when their lease ends.
        log.warn({ err: String(err) }, 'outbox: dispatch round failed');
      }
      if (rows.length < batch) await idle();
    }
  })();

  return {
    /** Delivers what is due now and waits for that round (tests). */
    nudge,
    /** Settles once LISTEN is on (or has failed: polling only): commits from then on wake the loop. */
    ready: listening.then(() => undefined),
    async stop(): Promise<void> {
      stopped = true;
      wake?.();
      await loop;
      await (await listening)?.unlisten().catch(() => {});
    },
  };
}
