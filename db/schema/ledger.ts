import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, currency, currencyCheck, minorUnits } from './columns.js';

/** Accounts are created on first use; `nonNegative` ones are checked inside the posting transaction. */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    code: text('code').notNull(),
    currency: currency(),
    kind: text('kind').notNull(),
    nonNegative: boolean('non_negative').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'ledger_accounts_pk', columns: [t.code, t.currency] }),
    check('ledger_accounts_currency_iso', currencyCheck('currency')),
  ],
);

/** One balanced posting; the unique key makes `post` idempotent. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    key: text('key').notNull(),
    description: text('description').notNull(),
    orderId: text('order_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_entries_key_uq').on(t.key), index('ledger_entries_order_idx').on(t.orderId)],
);

/** Signed minor units: the lines of one entry sum to zero per currency. */
export const ledgerLines = pgTable(
  'ledger_lines',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    entryId: bigint('entry_id', { mode: 'bigint' })
      .notNull()
      .references(() => ledgerEntries.id),
    account: text('account').notNull(),
    currency: currency(),
    amount: minorUnits('amount').notNull(),
  },
  (t) => [
    check('ledger_lines_amount_nonzero', sql`${t.amount} <> 0`),
    check('ledger_lines_currency_iso', currencyCheck('currency')),
    foreignKey({
      name: 'ledger_lines_account_fk',
      columns: [t.account, t.currency],
      foreignColumns: [ledgerAccounts.code, ledgerAccounts.currency],
    }),
    index('ledger_lines_account_idx').on(t.account, t.currency),
    index('ledger_lines_entry_idx').on(t.entryId),
  ],
);
