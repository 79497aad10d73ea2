import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { updatedAt } from './columns.js';
import { users } from './users.js';

/**
 * A user's choice per channel and event type (`order.paid`, or `*` for every type). No row means the
 * default: in-app and email on.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    eventType: text('event_type').notNull(),
    channel: text('channel').notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.eventType, t.channel] }),
    check('notification_preferences_channel_check', sql`${t.channel} in ('in_app', 'email')`),
    check('notification_preferences_event_type_check', sql`${t.eventType} ~ '^(\\*|[a-z_]+\\.[a-z_]+)$'`),
  ],
);
