import { and, asc, gt, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { notifications } from '../schema/index.js';

export type NotificationRow = typeof notifications.$inferSelect;

/** Inserts once per dedupe key; returns the row only when it is new (so it is published once). */
export async function insertNotification(
  db: DbOrTx,
  row: {
    dedupeKey: string;
    userId: string;
    type: string;
    orderId?: string;
    payload: Record<string, unknown>;
  },
): Promise<NotificationRow | undefined> {
  const [inserted] = await db
    .insert(notifications)
    .values(row)
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning();
  return inserted;
}

/** A user's notifications after `afterId`, oldest first: what an SSE client missed. */
export async function listNotificationsAfter(
  db: DbOrTx,
  userIds: string[],
  afterId: number,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), gt(notifications.id, afterId)))
    .orderBy(asc(notifications.id))
    .limit(limit);
}
