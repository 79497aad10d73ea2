import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import {
  OFFER_DECLINE_REASONS,
  OFFER_STATUSES,
  OFFER_TURNS,
  type OfferHistoryEntry,
} from '../../domain/offer.js';
import { createdAt, currency, currencyCheck, id, minorUnits, updatedAt } from './columns.js';
import { listings } from './listings.js';
import { orders } from './orders.js';
import { users } from './users.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * A projection of each offer's workflow (`offer-<id>`): the API inserts the row (the per-buyer cap
 * and the stock check hold in that insert's transaction), then only the workflow's activities write
 * it, each change at a higher `version` than the row's (a late retry never writes an older state).
 */
export const offers = pgTable(
  'offers',
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
    /** The amount on the table (the last move's), for the whole quantity. */
    amount: minorUnits('amount').notNull(),
    currency: currency(),
    status: text('status').notNull().default('pending'),
    turn: text('turn').notNull().default('seller'),
    paymentMethod: text('payment_method').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** The order an acceptance placed (in the same transaction as this row's `accepted`). */
    orderId: text('order_id').references(() => orders.id),
    reason: text('reason'),
    failureReason: text('failure_reason'),
    history: jsonb('history').$type<OfferHistoryEntry[]>().notNull().default([]),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('offers_status_check', sql.raw(`status in (${list(OFFER_STATUSES)})`)),
    check('offers_turn_check', sql.raw(`turn in (${list(OFFER_TURNS)})`)),
    check('offers_reason_check', sql.raw(`reason is null or reason in (${list(OFFER_DECLINE_REASONS)})`)),
    check('offers_quantity_positive', sql`${t.quantity} > 0`),
    check('offers_amount_positive', sql`${t.amount} > 0`),
    check('offers_currency_iso', currencyCheck('currency')),
    check('offers_accepted_has_order', sql`(${t.status} = 'accepted') = (${t.orderId} is not null)`),
    check('offers_failed_has_reason', sql`(${t.status} = 'failed') = (${t.failureReason} is not null)`),
    // The per-buyer cap counts by (listing, buyer); sold-out finds a listing's live offers.
    index('offers_listing_buyer_idx').on(t.listingId, t.buyerId),
    index('offers_listing_live_idx').on(t.listingId).where(sql`status in ('pending', 'countered')`),
    index('offers_buyer_idx').on(t.buyerId, t.createdAt),
    index('offers_seller_idx').on(t.sellerId, t.createdAt),
  ],
);
