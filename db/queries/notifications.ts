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
