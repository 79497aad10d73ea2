import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/**
 * Notifications written in the same transaction as the order status change they announce, and
 * delivered by the dispatcher (workers/outbox-dispatcher.ts). The promise: exactly once per dedupe key.
 * A row is kept once delivered (`delivered_at` set), so its key stays taken: enqueuing a key that is
 * owed or already delivered inserts nothing. The key is also the sinks' own (in-app, email, seller
 * webhooks), which absorb the one repeat left: a dispatcher dying between delivering and marking.
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
    /** Null while owed. */
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notification_outbox_dedupe_uq').on(t.dedupeKey),
    // What the dispatcher scans: owed rows only, however many delivered ones the table keeps.
    index('notification_outbox_due_idx').on(t.nextAttemptAt).where(sql`delivered_at is null`),
  ],
);
