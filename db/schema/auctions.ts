import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { AUCTION_RESULTS, AUCTION_STATUSES } from '../../domain/auction.js';
import { createdAt, currency, currencyCheck, minorUnits, updatedAt } from './columns.js';
import { listings } from './listings.js';
import { orders } from './orders.js';
import { users } from './users.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * One auction per auction listing: its terms and the standing of its bids (domain/auction.ts). A bid
 * locks this row (FOR UPDATE) to compute the new standing and moves `ends_at` in the soft close; the
 * auction's workflow closes it (`ended`) under the same lock, so a bid lands before the end or is
 * refused after it, never both. The outcome columns are the workflow's.
 */
export const auctions = pgTable(
  'auctions',
  {
    listingId: text('listing_id')
      .primaryKey()
      .references(() => listings.id),
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    currency: currency(),
    startAmount: minorUnits('start_amount').notNull(),
    reserveAmount: minorUnits('reserve_amount'),
    bidIncrement: minorUnits('bid_increment').notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('open'),
    leaderId: text('leader_id').references(() => users.id),
    leaderMax: minorUnits('leader_max'),
    /** The highest maximum of the bidders other than the leader. */
    secondMax: minorUnits('second_max'),
    currentPrice: minorUnits('current_price').notNull(),
    bidCount: integer('bid_count').notNull().default(0),
    result: text('result'),
    orderId: text('order_id').references(() => orders.id),
    winnerId: text('winner_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('auctions_status_check', sql.raw(`status in (${list(AUCTION_STATUSES)})`)),
    check('auctions_result_check', sql.raw(`result is null or result in (${list(AUCTION_RESULTS)})`)),
    check('auctions_currency_iso', currencyCheck('currency')),
    check('auctions_amounts_positive', sql`${t.startAmount} > 0 and ${t.bidIncrement} > 0`),
    check(
      'auctions_reserve_from_start',
      sql`${t.reserveAmount} is null or ${t.reserveAmount} >= ${t.startAmount}`,
    ),
    check('auctions_price_under_max', sql`${t.leaderMax} is null or ${t.currentPrice} <= ${t.leaderMax}`),
    check('auctions_leader_has_max', sql`(${t.leaderId} is null) = (${t.leaderMax} is null)`),
  ],
);
