import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, minorUnits, updatedAt } from './columns.js';
import { orders } from './orders.js';
import { users } from './users.js';

/** At most one dispute per order. */
export const disputes = pgTable(
  'disputes',
  {
    id: id(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    openedBy: text('opened_by').notNull(),
    reason: text('reason').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull().default('open'),
    outcome: text('outcome'),
    refundAmount: minorUnits('refund_amount'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('disputes_order_uq').on(t.orderId),
    check(
      'disputes_reason_check',
      sql`${t.reason} in ('not_received', 'not_as_described', 'other', 'chargeback')`,
    ),
    check('disputes_status_check', sql`${t.status} in ('open', 'seller_responded', 'escalated', 'resolved')`),
    check(
      'disputes_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('refund', 'release', 'split')`,
    ),
    check('disputes_refund_nonneg', sql`${t.refundAmount} is null or ${t.refundAmount} >= 0`),
  ],
);

export const disputeEvidence = pgTable(
  'dispute_evidence',
  {
    id: id(),
    disputeId: text('dispute_id')
      .notNull()
      .references(() => disputes.id),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    links: jsonb('links').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    check('dispute_evidence_text_length', sql`length(${t.text}) between 1 and 10000`),
    index('dispute_evidence_dispute_idx').on(t.disputeId, t.createdAt),
  ],
);
