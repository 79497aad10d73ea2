import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** A user row appears on first authenticated use; the JWT `sub` is the id. */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    role: text('role').notNull().default('buyer'),
    /** The seller's connected account at the provider; payouts need it. One seller per account. */
    payoutAccountId: text('payout_account_id'),
    /**
     * The provider enabled payouts to that account (onboarding done, KYC passed); kept by its
     * `account.updated` webhooks. Payouts refuse while false.
     */
    payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
    /** Where email notifications go; none means in-app only. */
    email: text('email'),
    /** Set when the person's erasure ran (docs/privacy.md): their tokens are refused from then on. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // One account, one seller: payouts to an account go to the one seller it belongs to.
    uniqueIndex('users_payout_account_uq').on(t.payoutAccountId),
    check('users_role_check', sql`${t.role} in ('buyer', 'seller', 'operator')`),
    check('users_id_length', sql`length(${t.id}) between 1 and 128`),
    check(
      'users_email_shape',
      sql`${t.email} is null or (length(${t.email}) <= 254 and ${t.email} like '%_@_%')`,
    ),
  ],
);
