import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { users } from './users.js';

/** A seller's registered URL for outbound order events, with the secret its payloads are signed with. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /** Event types sent to it (`order.paid`, ...); empty means all. */
    eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_endpoints_seller_idx').on(t.sellerId),
    check('webhook_endpoints_status_check', sql`${t.status} in ('active', 'disabled')`),
    check('webhook_endpoints_url_check', sql`${t.url} ~ '^https?://' and length(${t.url}) <= 2048`),
  ],
);

/** One event for one endpoint; its attempts are the delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    /** The notification's dedupe key: an event is delivered to an endpoint once. */
    eventKey: text('event_key').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq').on(t.endpointId, t.eventKey),
    // The backlog gauge's scan (db/queries/backlog.ts): pending deliveries only, however many ended.
    index('webhook_deliveries_pending_idx').on(t.createdAt).where(sql`status = 'pending'`),
    check(
      'webhook_deliveries_status_check',
      sql`${t.status} in ('pending', 'delivered', 'failed', 'refused')`,
    ),
  ],
);

export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_delivery_attempts_uq').on(t.deliveryId, t.attempt)],
);
