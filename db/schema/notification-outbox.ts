import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Notifications written in the same transaction as the order status change they announce, and
 * delivered by one dispatcher (activities/outbox-dispatcher.ts): a row is deleted once delivered, so
 * what is here is what is still owed. The dedupe key is the delivery's own (in-app, email, webhooks).
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    userId: text('user_id').notNull(),
    type: text('type').notNull(),
    orderId: text('order_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notification_outbox_dedupe_uq').on(t.dedupeKey),
    index('notification_outbox_due_idx').on(t.nextAttemptAt),
  ],
);
