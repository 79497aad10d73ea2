import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  ANY_EVENT_TYPE,
  type NotificationChannel,
  type NotificationPreference,
} from '../../domain/notification-preferences.js';
import type { Db, DbOrTx } from '../client.js';
import { notificationPreferences, users } from '../schema/index.js';

export interface NotificationSettings {
  email: string | null;
  preferences: NotificationPreference[];
}

const preferenceColumns = {
  eventType: notificationPreferences.eventType,
  channel: sql<NotificationChannel>`${notificationPreferences.channel}`,
  enabled: notificationPreferences.enabled,
};

/** Where a user's email notifications go (null: nowhere). */
export async function notificationEmail(db: DbOrTx, userId: string): Promise<string | null> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return user?.email ?? null;
}

/** A user's address and every preference row, in a stable order. */
export async function notificationSettings(db: DbOrTx, userId: string): Promise<NotificationSettings> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  const preferences = await db
    .select(preferenceColumns)
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
    .orderBy(asc(notificationPreferences.eventType), asc(notificationPreferences.channel));
  return { email: user?.email ?? null, preferences };
}

/**
 * Sets the address (`null` clears it, `undefined` keeps it) and upserts the given preferences, in one
 * transaction; preferences not named stay as they were.
 */
export async function saveNotificationSettings(
  db: Db,
  userId: string,
  change: { email?: string | null; preferences?: readonly NotificationPreference[] },
): Promise<NotificationSettings> {
  return db.transaction(async (tx) => {
    if (change.email !== undefined) {
      await tx.update(users).set({ email: change.email }).where(eq(users.id, userId));
    }
    if (change.preferences?.length) {
      await tx
        .insert(notificationPreferences)
        .values(change.preferences.map((p) => ({ userId, ...p })))
        .onConflictDoUpdate({
          target: [
            notificationPreferences.userId,
            notificationPreferences.eventType,
            notificationPreferences.channel,
          ],
          set: { enabled: sql`excluded.enabled`, updatedAt: sql`now()` },
        });
    }
    return notificationSettings(tx, userId);
  });
}

/**
 * What the notify activity needs for one event type, in one round trip: the address and the rows
 * that can decide (the exact type and `*`). A recipient with no user row (the operators' inbox)
 * has no address and no preferences.
 */
export async function deliverySettings(
  db: DbOrTx,
  userId: string,
  eventType: string,
): Promise<NotificationSettings> {
  const rows = await db
    .select({
      email: users.email,
      eventType: notificationPreferences.eventType,
      channel: sql<NotificationChannel | null>`${notificationPreferences.channel}`,
      enabled: notificationPreferences.enabled,
    })
    .from(users)
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, users.id),
        inArray(notificationPreferences.eventType, [eventType, ANY_EVENT_TYPE]),
      ),
    )
    .where(eq(users.id, userId));
  return {
    email: rows[0]?.email ?? null,
    preferences: rows.flatMap((r) =>
      r.eventType !== null && r.channel !== null && r.enabled !== null
        ? [{ eventType: r.eventType, channel: r.channel, enabled: r.enabled }]
        : [],
    ),
  };
}
