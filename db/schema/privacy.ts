import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { DATA_EXPORT_STATUSES, ERASURE_STATUSES, type OpenItem } from '../../domain/privacy.js';
import { createdAt, updatedAt } from './columns.js';
import { users } from './users.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

/**
 * A person's sealing key (docs/adr/0012-personal-data-in-workflow-payloads.md): the personal fields
 * that travel through workflow payloads (dispute texts, the buyer's address) are sealed under it by the
 * API and opened by the activities that store or use them. Erasure deletes the row, and with it every
 * copy of those fields in Temporal's histories becomes unreadable (crypto-shredding).
 */
export const personalKeys = pgTable(
  'personal_keys',
  {
    /** `pk_…`, written into each sealed value; no user id in it. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** 32 random bytes (AES-256-GCM), base64. */
    material: text('material').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('personal_keys_user_uq').on(t.userId)],
);

/** One export of everything held about a person (POST /v1/me/data-exports), deleted when it expires. */
export const dataExports = pgTable(
  'data_exports',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull().default('pending'),
    /** The document, once ready. */
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    check('data_exports_status_check', sql.raw(`status in (${list(DATA_EXPORT_STATUSES)})`)),
    check('data_exports_ready_has_data', sql`(${t.status} = 'ready') = (${t.data} is not null)`),
    index('data_exports_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * A person's erasure (POST /v1/me/erasure), one per person: `waiting` while something of theirs is
 * open (`waiting_for`, as last seen), `done` once their personal data is gone. The row itself holds
 * none: the user id it names is the pseudonym their financial records are kept under.
 */
export const erasures = pgTable(
  'erasures',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status').notNull().default('waiting'),
    waitingFor: jsonb('waiting_for').$type<OpenItem[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('erasures_user_uq').on(t.userId),
    check('erasures_status_check', sql.raw(`status in (${list(ERASURE_STATUSES)})`)),
    check('erasures_done_has_time', sql`(${t.status} = 'done') = (${t.erasedAt} is not null)`),
  ],
);
