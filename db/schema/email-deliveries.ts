import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * One row per notification that should go out by email, claimed before the SMTP send: a retried
 * activity finds it `sent` and does not send again.
 */
export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationKey: text('notification_key').notNull(),
    userId: text('user_id').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** sending → sent; skipped when preferences said no at send time. */
    status: text('status').notNull().default('sending'),
    messageId: text('message_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('email_deliveries_notification_uq').on(t.notificationKey),
    index('email_deliveries_user_idx').on(t.userId, t.createdAt),
    check('email_deliveries_status_check', sql`${t.status} in ('sending', 'sent', 'skipped', 'failed')`),
  ],
);
