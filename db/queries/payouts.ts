import { and, eq, gte, isNotNull, like, sql } from 'drizzle-orm';
import type { PayoutStatus } from '../../domain/payout.js';
import type { DbOrTx } from '../client.js';
import { ledgerLines, payouts, users } from '../schema/index.js';

export type PayoutRow = typeof payouts.$inferSelect;

export async function insertPayout(db: DbOrTx, row: typeof payouts.$inferInsert): Promise<PayoutRow> {
  const [inserted] = await db
    .insert(payouts)
    .values(row)
    .onConflictDoNothing({ target: payouts.id })
    .returning();
  if (inserted) return inserted;
  return (await findPayout(db, row.id))!;
}

export async function findPayout(db: DbOrTx, id: string): Promise<PayoutRow | undefined> {
  const [row] = await db.select().from(payouts).where(eq(payouts.id, id));
  return row;
}

/** Sets the payout's status; returns the status it had before (undefined: no such payout). */
export async function setPayoutStatus(
  db: DbOrTx,
  params: { payoutId: string; status: PayoutStatus; transferId?: string; failureCode?: string },
): Promise<PayoutStatus | undefined> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: payouts.status })
      .from(payouts)
      .where(eq(payouts.id, params.payoutId))
      .for('update');
    await tx
      .update(payouts)
      .set({
        status: params.status,
        updatedAt: new Date(),
        ...(params.transferId && { transferId: params.transferId }),
        ...(params.failureCode && { failureCode: params.failureCode }),
      })
      .where(eq(payouts.id, params.payoutId));
    return before?.status as PayoutStatus | undefined;
  });
}

export async function payoutAccountOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ account: users.payoutAccountId }).from(users).where(eq(users.id, userId));
  return row?.account ?? null;
}

/** The seller's connected account and whether the provider enabled payouts to it. */
export async function payoutAccountStateOf(
  db: DbOrTx,
  userId: string,
): Promise<{ accountId: string | null; payoutsEnabled: boolean }> {
  const [row] = await db
    .select({ accountId: users.payoutAccountId, payoutsEnabled: users.payoutsEnabled })
    .from(users)
    .where(eq(users.id, userId));
  return { accountId: row?.accountId ?? null, payoutsEnabled: row?.payoutsEnabled ?? false };
}

export async function setPayoutAccount(
  db: DbOrTx,
  userId: string,
  accountId: string,
  payoutsEnabled: boolean,
): Promise<void> {
  await db.update(users).set({ payoutAccountId: accountId, payoutsEnabled }).where(eq(users.id, userId));
}

/** The provider's word on an account (`account.updated`); the seller it belongs to, if any. */
export async function setPayoutsEnabledByAccount(
  db: DbOrTx,
  accountId: string,
  payoutsEnabled: boolean,
): Promise<string | undefined> {
  const [row] = await db
    .update(users)
    .set({ payoutsEnabled })
    .where(eq(users.payoutAccountId, accountId))
    .returning({ id: users.id });
  return row?.id;
}

/** Onboarded sellers (payouts enabled) whose available balance in a currency reaches `minimum` (for the daily sweep). */
export async function sellersDueForPayout(db: DbOrTx, minimum: number) {
  const rows = await db
    .select({
      sellerId: users.id,
      destination: users.payoutAccountId,
      currency: ledgerLines.currency,
      available: sql<string>`sum(${ledgerLines.amount})`,
    })
    .from(ledgerLines)
    .innerJoin(users, sql`${ledgerLines.account} = 'seller_available:' || ${users.id}`)
    .where(
      and(
        like(ledgerLines.account, 'seller_available:%'),
        isNotNull(users.payoutAccountId),
        eq(users.payoutsEnabled, true),
      ),
    )
    .groupBy(users.id, users.payoutAccountId, ledgerLines.currency)
    .having(gte(sql`sum(${ledgerLines.amount})`, minimum));
  return rows.map((r) => ({ ...r, destination: r.destination!, available: BigInt(r.available) }));
}
