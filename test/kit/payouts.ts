/**
 * Sellers' payout accounts and payout rows (db/queries/payouts.ts): a row once per id, its status as
 * the workflow sets it, and the sweep's question: who is due (onboarded, available balance reaching
 * the minimum, per currency)?
 */
import type { Currency } from '../../domain/money.js';
import type { PayoutStatus } from '../../domain/payout.js';
import type { FakeLedger } from './ledger.js';

export interface PayoutRow {
  id: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  status: PayoutStatus;
  transferId?: string;
  failureCode?: string;
  /** Server time (ms) the row was written. */
  createdAt: number;
}

export interface PayoutAccount {
  accountId: string;
  payoutsEnabled: boolean;
}

export class FakePayouts {
  private readonly rows = new Map<string, PayoutRow>();
  private readonly accounts = new Map<string, PayoutAccount>();

  constructor(private readonly ledger: FakeLedger) {}

  /** The seller's connected account; `payoutsEnabled` once the provider finished onboarding them. */
  setAccount(sellerId: string, accountId: string, payoutsEnabled = true): void {
    this.accounts.set(sellerId, { accountId, payoutsEnabled });
  }

  account(sellerId: string): PayoutAccount | undefined {
    const account = this.accounts.get(sellerId);
    return account && { ...account };
  }

  insert(row: Omit<PayoutRow, 'status'>): PayoutRow {
    if (!this.rows.has(row.id)) this.rows.set(row.id, { ...row, status: 'pending' });
    return { ...this.rows.get(row.id)! };
  }

  /** Sets the status; the status before, or undefined for an unknown payout. */
  setStatus(input: {
    payoutId: string;
    status: PayoutStatus;
    transferId?: string;
    failureCode?: string;
  }): PayoutStatus | undefined {
    const row = this.rows.get(input.payoutId);
    if (!row) return undefined;
    const before = row.status;
    row.status = input.status;
    if (input.transferId) row.transferId = input.transferId;
    if (input.failureCode) row.failureCode = input.failureCode;
    return before;
  }

  row(payoutId: string): PayoutRow | undefined {
    const row = this.rows.get(payoutId);
    return row && { ...row };
  }

  all(): PayoutRow[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  /** Onboarded sellers whose available balance in a currency reaches `minimum`. */
  due(minimum: number): Array<{ sellerId: string; currency: Currency; amount: number; destination: string }> {
    const lines = this.ledger.entries().flatMap((p) => p.lines);
    return [...this.accounts.entries()].flatMap(([sellerId, account]) =>
      account.payoutsEnabled
        ? [
            ...new Set(
              lines.filter((l) => l.account === `seller_available:${sellerId}`).map((l) => l.currency),
            ),
          ].flatMap((currency) => {
            const available = this.ledger.balance(`seller_available:${sellerId}`, currency);
            return available >= BigInt(minimum)
              ? [{ sellerId, currency, amount: Number(available), destination: account.accountId }]
              : [];
          })
        : [],
    );
  }
}
