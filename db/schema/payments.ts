import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, currency, currencyCheck, id, minorUnits, updatedAt } from './columns.js';
import { offers } from './offers.js';
import { orders } from './orders.js';

/** Every provider effect the platform asked for, by its idempotency key (one row per effect). */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    orderId: text('order_id').references(() => orders.id),
    /** An offer's hold (authorized and voided before any order); its order id is set on acceptance. */
    offerId: text('offer_id').references(() => offers.id),
    kind: text('kind').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    providerRef: text('provider_ref').notNull(),
    amount: minorUnits('amount').notNull(),
    currency: currency(),
    status: text('status').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_idempotency_key_uq').on(t.idempotencyKey),
    check(
      'payments_kind_check',
      sql`${t.kind} in ('authorization', 'capture', 'void', 'refund', 'transfer')`,
    ),
    check('payments_amount_nonneg', sql`${t.amount} >= 0`),
    check('payments_currency_iso', currencyCheck('currency')),
    index('payments_order_idx').on(t.orderId),
    index('payments_offer_idx').on(t.offerId),
  ],
);
