import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** Carrier tracking events stored once by their id (webhook or poll), whether or not an order matched. */
export const carrierEvents = pgTable(
  'carrier_events',
  {
    id: text('id').primaryKey(),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    /** `in_transit`, `delivered`, `exception`, ... as the carrier reported it. */
    status: text('status').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    orderId: text('order_id'),
    source: text('source').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('carrier_events_tracking_idx').on(t.carrier, t.trackingNumber)],
);
