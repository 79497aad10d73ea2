import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, currency, currencyCheck, id, minorUnits, updatedAt } from './columns.js';
import { users } from './users.js';

/** `available` is the sellable stock; reservations decrement it with a guarded UPDATE. */
export const listings = pgTable(
  'listings',
  {
    id: id(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    amount: minorUnits('amount').notNull(),
    currency: currency(),
    quantity: integer('quantity').notNull(),
    available: integer('available').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('listings_amount_positive', sql`${t.amount} > 0`),
    check('listings_currency_iso', currencyCheck('currency')),
    check('listings_quantity_nonneg', sql`${t.quantity} >= 0`),
    check('listings_available_range', sql`${t.available} >= 0 and ${t.available} <= ${t.quantity}`),
    check('listings_title_length', sql`length(${t.title}) between 1 and 200`),
    index('listings_seller_idx').on(t.sellerId, t.createdAt),
  ],
);
