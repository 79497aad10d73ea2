/** Columns shared by many tables. */
import { sql } from 'drizzle-orm';
import { bigint, char, text, timestamp } from 'drizzle-orm/pg-core';

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
/** Minor units; `mode: 'bigint'` so sums never pass through a float. */
export const minorUnits = (name: string) => bigint(name, { mode: 'bigint' });
export const currency = () => char('currency', { length: 3 }).notNull();
export const id = () => text('id').primaryKey();
/** ISO-4217 shape check, used in each table's CHECKs. */
export const currencyCheck = (column: string) => sql.raw(`${column} ~ '^[A-Z]{3}$'`);
