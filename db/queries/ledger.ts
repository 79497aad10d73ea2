/**
 * The double-entry ledger. A posting is one transaction: its unique key makes it idempotent, its lines
 * balance to zero per currency, and accounts that must not go negative are locked and checked inside it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ReleasedShare } from '../../domain/chargeback.js';
import { accounts } from '../../domain/ids.js';
import type { LedgerLine } from '../../domain/ledger.js';
import type { Currency } from '../../domain/money.js';
import type { DbOrTx } from '../client.js';
import { ledgerAccounts, ledgerEntries, ledgerLines } from '../schema/index.js';
import { withinTransaction } from '../within-transaction.js';

/** Account kinds whose balance may never be below zero. */
export const NON_NEGATIVE_KINDS = new Set([
  'escrow',
  'seller_available',
  'payout_in_transit',
  'seller_paid_out',
  'platform_fees',
]);

export const accountKind = (code: string) => code.split(':', 1)[0] ?? code;

export class UnbalancedPostingError extends Error {
  constructor(
    readonly currency: string,
    readonly sum: bigint,
  ) {
    super(`posting does not balance in ${currency}: lines sum to ${sum}`);
    this.name = 'UnbalancedPostingError';
  }
}

export class InsufficientFundsError extends Error {
  constructor(
    readonly account: string,
    readonly currency: string,
    readonly balance: bigint,
  ) {
    super(`account ${account} would go negative (${balance} ${currency})`);
    this.name = 'InsufficientFundsError';
  }
}

export function assertBalanced(lines: readonly LedgerLine[]): void {
  if (lines.length < 2) throw new UnbalancedPostingError('-', 0n);
  const sums = new Map<string, bigint>();
  for (const line of lines) {
    const amount = BigInt(line.amount);
    if (amount === 0n) throw new UnbalancedPostingError(line.currency, 0n);
    sums.set(line.currency, (sums.get(line.currency) ?? 0n) + amount);
  }
  for (const [currency, sum] of sums) if (sum !== 0n) throw new UnbalancedPostingError(currency, sum);
}

export interface PostingInput {
  key: string;
  description: string;
  orderId?: string;
  lines: readonly LedgerLine[];
}

/** Posts once per key; a repeat returns the first entry with `created: false`. */
export async function postEntry(
  db: DbOrTx,
  input: PostingInput,
): Promise<{ entryId: bigint; created: boolean }> {
  assertBalanced(input.lines);
  return withinTransaction(db, async (tx) => {
    const [inserted] = await tx
      .insert(ledgerEntries)
      .values({ key: input.key, description: input.description, orderId: input.orderId })
      .onConflictDoNothing({ target: ledgerEntries.key })
      .returning({ id: ledgerEntries.id });
    if (!inserted) {
      const [existing] = await tx
        .select({ id: ledgerEntries.id })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.key, input.key));
      return { entryId: existing!.id, created: false };
    }
    const accounts = uniqueAccounts(input.lines);
    await tx
      .insert(ledgerAccounts)
      .values(
        accounts.map((a) => ({
          ...a,
          kind: accountKind(a.code),
          nonNegative: NON_NEGATIVE_KINDS.has(accountKind(a.code)),
        })),
      )
      .onConflictDoNothing();
    // Lock debited non-negative accounts in a fixed order, so concurrent postings serialize without deadlock.
    const debited = accounts.filter((a) => NON_NEGATIVE_KINDS.has(accountKind(a.code)) && a.net < 0n);
    for (const account of debited) {
      await tx.execute(
        sql`select 1 from ${ledgerAccounts} where code = ${account.code} and currency = ${account.currency} for update`,
      );
    }
    await tx.insert(ledgerLines).values(
      input.lines.map((l) => ({
        entryId: inserted.id,
        account: l.account,
        currency: l.currency,
        amount: BigInt(l.amount),
      })),
    );
    for (const account of debited) {
      const balance = await accountBalance(tx, account.code, account.currency);
      if (balance < 0n) throw new InsufficientFundsError(account.code, account.currency, balance);
    }
    return { entryId: inserted.id, created: true };
  });
}

function uniqueAccounts(lines: readonly LedgerLine[]) {
  const byKey = new Map<string, { code: string; currency: Currency; net: bigint }>();
  for (const l of lines) {
    const k = `${l.account}|${l.currency}`;
    const prev = byKey.get(k);
    byKey.set(k, { code: l.account, currency: l.currency, net: (prev?.net ?? 0n) + BigInt(l.amount) });
  }
  return [...byKey.values()].sort((a, b) => (a.code + a.currency < b.code + b.currency ? -1 : 1));
}

export async function accountBalance(db: DbOrTx, account: string, currency: string): Promise<bigint> {
  const [row] = await db
    .select({ balance: sql<string>`coalesce(sum(${ledgerLines.amount}), 0)` })
    .from(ledgerLines)
    .where(and(eq(ledgerLines.account, account), eq(ledgerLines.currency, currency)));
  return BigInt(row?.balance ?? 0);
}

/**
 * What an order's postings left in the seller's available balance and the platform's fees: the
 * money released for it (minus anything already recovered), to take back after a late chargeback.
 */
export async function releasedForOrder(db: DbOrTx, orderId: string): Promise<ReleasedShare[]> {
  const rows = await db
    .select({
      account: ledgerLines.account,
      currency: ledgerLines.currency,
      amount: sql<string>`sum(${ledgerLines.amount})`,
    })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(
      and(
        eq(ledgerEntries.orderId, orderId),
        sql`(${ledgerLines.account} like 'seller_available:%' or ${ledgerLines.account} = 'platform_fees')`,
      ),
    )
    .groupBy(ledgerLines.account, ledgerLines.currency);
  return rows.map((r) => ({ account: r.account, currency: r.currency, amount: String(BigInt(r.amount)) }));
}

/** Balances of many accounts at once, keyed `account|currency`. */
export async function accountBalances(db: DbOrTx, accountCodes: string[]): Promise<Map<string, bigint>> {
  if (accountCodes.length === 0) return new Map();
  const rows = await db
    .select({
      account: ledgerLines.account,
      currency: ledgerLines.currency,
      balance: sql<string>`sum(${ledgerLines.amount})`,
    })
    .from(ledgerLines)
    .where(inArray(ledgerLines.account, accountCodes))
    .groupBy(ledgerLines.account, ledgerLines.currency);
  return new Map(rows.map((r) => [`${r.account}|${r.currency}`, BigInt(r.balance)]));
}

/** The ledger invariant: all postings sum to zero per currency and no non-negative account is below zero. */
export async function checkLedger(db: DbOrTx): Promise<{ ok: boolean; problems: string[] }> {
  const problems: string[] = [];
  const totals = await db
    .select({ currency: ledgerLines.currency, sum: sql<string>`sum(${ledgerLines.amount})` })
    .from(ledgerLines)
    .groupBy(ledgerLines.currency);
  for (const t of totals) if (BigInt(t.sum) !== 0n) problems.push(`${t.currency} sums to ${t.sum}`);
  const negatives = await db.execute<{ account: string; currency: string; balance: string }>(sql`
    select l.account, l.currency, sum(l.amount)::text as balance
    from ${ledgerLines} l join ${ledgerAccounts} a on a.code = l.account and a.currency = l.currency
    where a.non_negative group by l.account, l.currency having sum(l.amount) < 0`);
  for (const n of negatives) problems.push(`${n.account} is negative (${n.balance} ${n.currency})`);
  return { ok: problems.length === 0, problems };
}

/** What an order's postings booked as refunds to the buyer (the `refunds` account), in minor units. */
export async function refundsBookedForOrder(db: DbOrTx, orderId: string): Promise<bigint> {
  const [row] = await db
    .select({ amount: sql<string | null>`sum(${ledgerLines.amount})` })
    .from(ledgerLines)
    .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerEntries.orderId, orderId), eq(ledgerLines.account, accounts.refunds)));
  return BigInt(row?.amount ?? 0);
}
