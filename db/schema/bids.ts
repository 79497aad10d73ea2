import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { BID_STATUSES } from '../../domain/auction.js';
import { auctions } from './auctions.js';
import { createdAt, id, minorUnits } from './columns.js';
import { users } from './users.js';

/**
 * Every accepted bid, in the order the auction row's lock accepted them (`seq`, 1, 2, ...): the
 * proxy rule's input (a second chance replays them without the failed winner). `status` and
 * `current_price` are the standing this bid left; a later bid does not rewrite them.
 */
export const bids = pgTable(
  'bids',
  {
    id: id(),
    listingId: text('listing_id')
      .notNull()
      .references(() => auctions.listingId),
    bidderId: text('bidder_id')
      .notNull()
      .references(() => users.id),
    seq: integer('seq').notNull(),
    maxAmount: minorUnits('max_amount').notNull(),
    paymentMethod: text('payment_method').notNull(),
    status: text('status').notNull(),
    currentPrice: minorUnits('current_price').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('bids_status_check', sql.raw(`status in ('${BID_STATUSES.join("','")}')`)),
    check('bids_max_positive', sql`${t.maxAmount} > 0`),
    uniqueIndex('bids_listing_seq_idx').on(t.listingId, t.seq),
    index('bids_bidder_idx').on(t.bidderId, t.createdAt),
  ],
);
