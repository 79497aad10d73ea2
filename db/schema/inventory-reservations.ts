import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';
import { listings } from './listings.js';
import { orders } from './orders.js';

/** One reservation per order (unique), so a retried reserve is a no-op. */
export const inventoryReservations = pgTable(
  'inventory_reservations',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    listingId: text('listing_id')
      .notNull()
      .references(() => listings.id),
    quantity: integer('quantity').notNull(),
    status: text('status').notNull().default('held'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('inventory_reservations_order_uq').on(t.orderId),
    check('inventory_reservations_quantity_positive', sql`${t.quantity} > 0`),
    check('inventory_reservations_status_check', sql`${t.status} in ('held', 'committed', 'released')`),
  ],
);
