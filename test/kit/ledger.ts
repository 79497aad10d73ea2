/**
 * An in-memory double-entry ledger with the rules of db/queries/ledger.ts: a posting's lines balance
 * per currency (its `assertBalanced`), a key posts once (a repeat returns `created: false` and moves
 * nothing), and accounts that must not go negative (escrow, seller balances, fees) refuse a posting
 * that would take them below zero, leaving nothing of it.
 */
import {
  accountKind,
  assertBalanced,
  InsufficientFundsError,
  NON_NEGATIVE_KINDS,
} from '../../db/queries/ledger.js';
import { type LateRecoveryFacts, lateRecoveryLines, type ReleasedShare } from '../../domain/chargeback.js';
import { accounts } from '../../domain/ids.js';
import type { LedgerLine, LedgerPostInput } from '../../domain/ledger.js';

export class FakeLedger {
  private readonly postings = new Map<string, LedgerPostInput>();

  post(input: LedgerPostInput): { created: boolean } {
    assertBalanced(input.lines);
    if (this.postings.has(input.key)) return { created: false };
    for (const [account, currency] of this.debitedGuarded(input.lines)) {
      const after = this.balance(account, currency) + this.net(input.lines, account, currency);
      if (after < 0n) throw new InsufficientFundsError(account, currency, after);
    }
    this.postings.set(input.key, structuredClone(input));
    return { created: true };
  }

  /** An account's balance in one currency, over every posting (minor units). */
  balance(account: string, currency = 'EUR'): bigint {
    let sum = 0n;
    for (const { lines } of this.postings.values())
      for (const l of lines) if (l.account === account && l.currency === currency) sum += BigInt(l.amount);
    return sum;
  }

  /** What an order's postings moved on an account (e.g. the fee it earned, net of recoveries). */
  movement(orderId: string, account: string, currency = 'EUR'): bigint {
    let sum = 0n;
    for (const posting of this.entries(orderId))
      for (const l of posting.lines)
        if (l.account === account && l.currency === currency) sum += BigInt(l.amount);
    return sum;
  }

  posting(key: string): LedgerPostInput | undefined {
    const posting = this.postings.get(key);
    return posting && structuredClone(posting);
  }

  /** Every posting, or an order's, in the order they were written. */
  entries(orderId?: string): LedgerPostInput[] {
    return [...this.postings.values()]
      .filter((p) => orderId === undefined || p.orderId === orderId)
      .map((p) => structuredClone(p));
  }

  /** What an order's postings left with the seller and in the fees (db/queries/ledger.ts `releasedForOrder`). */
  releasedForOrder(orderId: string): ReleasedShare[] {
    const sums = new Map<string, { account: string; currency: string; amount: bigint }>();
    for (const posting of this.entries(orderId))
      for (const l of posting.lines) {
        if (!l.account.startsWith('seller_available:') && l.account !== accounts.platformFees) continue;
        const key = `${l.account}|${l.currency}`;
        const prev = sums.get(key) ?? { account: l.account, currency: l.currency, amount: 0n };
        sums.set(key, { ...prev, amount: prev.amount + BigInt(l.amount) });
      }
    return [...sums.values()].map((s) => ({ ...s, amount: String(s.amount) }));
  }

  /**
   * A late chargeback's recovery (db/queries/chargeback-recovery.ts): what the books miss of the
   * provider's take-back, up to `amount`, posted under `key`; a repeated key answers its posting.
   */
  recoverLate(input: Omit<LateRecoveryFacts, 'booked' | 'released'> & { orderId: string; key: string }): {
    recovered: number;
  } {
    const done = this.posting(input.key);
    if (done) return { recovered: Number(done.lines.at(-1)!.amount) };
    const lines = lateRecoveryLines({
      ...input,
      booked: Number(this.movement(input.orderId, accounts.refunds, input.currency)),
      released: this.releasedForOrder(input.orderId),
    });
    if (!lines) return { recovered: 0 };
    this.post({ key: input.key, description: 'late chargeback recovery', orderId: input.orderId, lines });
    return { recovered: Number(lines.at(-1)!.amount) };
  }

  /**
   * The ledger invariant (db/queries/ledger.ts `checkLedger`): every currency sums to zero and no
   * account that must not go negative is below zero.
   */
  check(): { ok: boolean; problems: string[] } {
    const totals = new Map<string, bigint>();
    const perAccount = new Map<string, bigint>();
    for (const { lines } of this.postings.values())
      for (const l of lines) {
        totals.set(l.currency, (totals.get(l.currency) ?? 0n) + BigInt(l.amount));
        const key = `${l.account}|${l.currency}`;
        perAccount.set(key, (perAccount.get(key) ?? 0n) + BigInt(l.amount));
      }
    const problems: string[] = [];
    for (const [currency, sum] of totals) if (sum !== 0n) problems.push(`${currency} sums to ${sum}`);
    for (const [key, balance] of perAccount) {
      const [account, currency] = key.split('|') as [string, string];
      if (NON_NEGATIVE_KINDS.has(accountKind(account)) && balance < 0n)
        problems.push(`${account} is negative (${balance} ${currency})`);
    }
    return { ok: problems.length === 0, problems };
  }

  private net(lines: readonly LedgerLine[], account: string, currency: string): bigint {
    return lines
      .filter((l) => l.account === account && l.currency === currency)
      .reduce((sum, l) => sum + BigInt(l.amount), 0n);
  }

  private debitedGuarded(lines: readonly LedgerLine[]): Array<[string, string]> {
    const seen = new Map<string, [string, string]>();
    for (const l of lines)
      if (NON_NEGATIVE_KINDS.has(accountKind(l.account)) && this.net(lines, l.account, l.currency) < 0n)
        seen.set(`${l.account}|${l.currency}`, [l.account, l.currency]);
    return [...seen.values()];
  }
}
