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
import { ORDER_STATUSES } from '../../domain/order.js';
import { createdAt, currency, currencyCheck, id, minorUnits, updatedAt } from './columns.js';
import { listings } from './listings.js';
import { users } from './users.js';

// The domain's state machine is the one list; the CHECK is generated from it.
const statuses = ORDER_STATUSES.map((s) => `'${s}'`).join(',');

/** A projection of the workflows' state for reads; only activities write it, with guarded UPDATEs. */
export const orders = pgTable(
  'orders',
  {
    id: id(),
    listingId: text('listing_id')
      .notNull()
      .references(() => listings.id),
    buyerId: text('buyer_id')
      .notNull()
      .references(() => users.id),
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    quantity: integer('quantity').notNull(),
    amount: minorUnits('amount').notNull(),
    currency: currency(),
    status: text('status').notNull().default('pending'),
    failureReason: text('failure_reason'),
    paymentMethod: text('payment_method').notNull(),
    paymentIntentId: text('payment_intent_id'),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    deadlines: jsonb('deadlines').$type<Record<string, string>>().notNull().default({}),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /**
     * The workflow holding the order's escrow, set with `paid`: `order-<id>` since one workflow runs
     * each order; null for orders whose escrow ran as the child `escrow-<id>`.
     */
    escrowWorkflowId: text('escrow_workflow_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('orders_status_check', sql.raw(`status in (${statuses})`)),
    check('orders_quantity_positive', sql`${t.quantity} > 0`),
    check('orders_amount_positive', sql`${t.amount} > 0`),
    check('orders_currency_iso', currencyCheck('currency')),
    check('orders_failed_has_reason', sql`(${t.status} = 'failed') = (${t.failureReason} is not null)`),
    index('orders_buyer_idx').on(t.buyerId, t.createdAt),
    index('orders_seller_idx').on(t.sellerId, t.createdAt),
    index('orders_status_idx').on(t.status, t.updatedAt),
    index('orders_tracking_idx').on(t.carrier, t.trackingNumber),
  ],
);

/** Append-only history of an order; `key` makes a retried activity write its event once. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    key: text('key').notNull(),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('order_events_key_uq').on(t.key), index('order_events_order_idx').on(t.orderId, t.id)],
);
