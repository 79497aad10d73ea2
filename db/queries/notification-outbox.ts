/**
 * The notification outbox: rows written in the transaction of the change they announce, claimed by
 * the dispatcher with a lease (a crashed dispatcher's claims come due again), marked once delivered.
 * Exactly once per dedupe key: delivered rows are kept, so a key enqueued again (before or after its
 * delivery) is a no-op (db/schema/notification-outbox.ts).
 */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { NotifyInput } from '../../domain/notifications.js';
import type { DbOrTx } from '../client.js';
import { notificationOutbox } from '../schema/index.js';

/** The channel a commit with new outbox rows notifies: the dispatcher wakes without polling. */
export const OUTBOX_CHANNEL = 'notification_outbox';

export type OutboxRow = typeof notificationOutbox.$inferSelect;

/**
 * Owes `notices` from the commit of `tx` (the status change's own transaction). A dedupe key already
 * owed or delivered is skipped: the unique key, not timing, keeps it to one delivery.
 */
export async function enqueueNotifications(tx: DbOrTx, notices: readonly NotifyInput[]): Promise<void> {
  await tx
    .insert(notificationOutbox)
    .values(
      notices.map((n) => ({
        dedupeKey: n.dedupeKey,
        userId: n.userId,
        type: n.type,
        orderId: n.orderId ?? null,
        payload: n.payload,
      })),
    )
    .onConflictDoNothing();
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}

/** Claims up to `limit` owed rows that are due, for `leaseMs`: nobody else takes them until then. */
export async function claimDueNotifications(
  db: DbOrTx,
  limit: number,
  leaseMs: number,
): Promise<OutboxRow[]> {
  const due = db
    .select({ id: notificationOutbox.id })
    .from(notificationOutbox)
    .where(and(isNull(notificationOutbox.deliveredAt), lte(notificationOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(notificationOutbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(notificationOutbox)
    .set({
      attempts: sql`${notificationOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
    })
    .where(inArray(notificationOutbox.id, due))
    .returning();
}

/** Marks rows delivered; they stay, holding their dedupe keys. */
export async function markDelivered(db: DbOrTx, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await db
    .update(notificationOutbox)
    .set({ deliveredAt: sql`now()`, lastError: null })
    .where(and(inArray(notificationOutbox.id, [...ids]), isNull(notificationOutbox.deliveredAt)));
}

/** A failed delivery is tried again after `retryInMs`. */
export async function deferNotification(
  db: DbOrTx,
  id: number,
  retryInMs: number,
  error: string,
): Promise<void> {
  await db
    .update(notificationOutbox)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${retryInMs / 1000})`, lastError: error })
    .where(eq(notificationOutbox.id, id));
}
