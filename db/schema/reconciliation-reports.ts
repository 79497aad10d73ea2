import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';

/** One reconciliation run: the period it compared, what it counted, and every mismatch it found. */
export const reconciliationReports = pgTable(
  'reconciliation_reports',
  {
    id: id(),
    periodStart: timestamp('period_start', { withTimezone: true, mode: 'date' }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status').notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    mismatches: jsonb('mismatches').$type<Array<Record<string, unknown>>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('reconciliation_status_check', sql`${t.status} in ('clean', 'mismatches')`),
    check('reconciliation_period_check', sql`${t.periodStart} < ${t.periodEnd}`),
    index('reconciliation_created_idx').on(t.createdAt),
  ],
);
