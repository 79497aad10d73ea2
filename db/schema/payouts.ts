import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, currency, currencyCheck, id, minorUnits, updatedAt } from './columns.js';
import { users } from './users.js';

export const payouts = pgTable(
  'payouts',
  {
    id: id(),
    sellerId: text('seller_id')
      .notNull()
      .references(() => users.id),
    amount: minorUnits('amount').notNull(),
    currency: currency(),
    status: text('status').notNull().default('pending'),
    transferId: text('transfer_id'),
    failureCode: text('failure_code'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('payouts_amount_positive', sql`${t.amount} > 0`),
    check('payouts_currency_iso', currencyCheck('currency')),
    check('payouts_status_check', sql`${t.status} in ('pending', 'in_transit', 'paid', 'failed')`),
    index('payouts_seller_idx').on(t.sellerId, t.createdAt),
  ],
);
