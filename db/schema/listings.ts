import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
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
    /** Buyers may make offers (docs/design.md "Offers"); the thresholds are unit prices below `amount`. */
    acceptOffers: boolean('accept_offers').notNull().default(false),
    autoAcceptAmount: minorUnits('auto_accept_amount'),
    autoDeclineAmount: minorUnits('auto_decline_amount'),
    /** `auction`: sold by bids to one winner (db/schema/auctions.ts), never bought at `amount`. */
    format: text('format').notNull().default('fixed_price'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('listings_amount_positive', sql`${t.amount} > 0`),
    check('listings_currency_iso', currencyCheck('currency')),
    check('listings_quantity_nonneg', sql`${t.quantity} >= 0`),
    check('listings_available_range', sql`${t.available} >= 0 and ${t.available} <= ${t.quantity}`),
    check('listings_title_length', sql`length(${t.title}) between 1 and 200`),
    check(
      'listings_offer_thresholds',
      sql`(${t.autoAcceptAmount} is null or (${t.acceptOffers} and ${t.autoAcceptAmount} > 0 and ${t.autoAcceptAmount} < ${t.amount}))
        and (${t.autoDeclineAmount} is null or (${t.acceptOffers} and ${t.autoDeclineAmount} > 0 and ${t.autoDeclineAmount} < ${t.amount}))
        and (${t.autoAcceptAmount} is null or ${t.autoDeclineAmount} is null or ${t.autoDeclineAmount} <= ${t.autoAcceptAmount})`,
    ),
    check(
      'listings_auction_single',
      sql`${t.format} = 'fixed_price' or (${t.format} = 'auction' and ${t.quantity} = 1 and not ${t.acceptOffers})`,
    ),
    index('listings_seller_idx').on(t.sellerId, t.createdAt),
  ],
);
