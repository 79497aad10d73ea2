/**
 * A chargeback that comes after the escrow released the money: the bank took it from the platform,
 * so what the order released is taken back, the seller's share and the fee in proportion.
 */
import { accounts } from './ids.js';
import type { LedgerLine } from './ledger.js';
import type { Currency } from './money.js';

/** What an order's postings left per account (signed minor units as decimal strings). */
export interface ReleasedShare {
  account: string;
  currency: string;
  amount: string;
}

export const LATE_CHARGEBACK_WORKFLOW = 'lateChargebackWorkflow';

export interface LateChargebackInput {
  orderId: string;
  providerEventId: string;
  /** What the bank took back, in minor units of `currency`. */
  amount: number;
  currency: Currency;
}

/** The recovery posting, or undefined when the order released nothing in that currency. */
export function lateChargebackLines(
  released: ReleasedShare[],
  chargedBack: number,
  currency: Currency,
): LedgerLine[] | undefined {
  const shares = released
    .filter((r) => r.currency === currency && BigInt(r.amount) > 0n)
    .map((r) => ({ account: r.account, amount: BigInt(r.amount) }));
  const total = shares.reduce((sum, r) => sum + r.amount, 0n);
  const recovered = BigInt(chargedBack) < total ? BigInt(chargedBack) : total;
  if (recovered <= 0n) return undefined;
  const fee = shares.find((r) => r.account === accounts.platformFees)?.amount ?? 0n;
  const feePart = (recovered * fee) / total;
  const seller = shares.find((r) => r.account !== accounts.platformFees);
  const lines: LedgerLine[] = [];
  if (seller && recovered - feePart > 0n)
    lines.push({ account: seller.account, currency, amount: String(-(recovered - feePart)) });
  if (feePart > 0n) lines.push({ account: accounts.platformFees, currency, amount: String(-feePart) });
  lines.push({ account: accounts.refunds, currency, amount: String(recovered) });
  return lines;
}

/** What a late chargeback finds: the provider's take-back in all, the order's books, its own amount. */
export interface LateRecoveryFacts {
  /** What the provider shows taken back from the order's payment in all (refunds and chargebacks). */
  takenBack: number;
  /** What the order's postings booked to `refunds`. */
  booked: number;
  /** This chargeback's amount: the most it recovers. */
  amount: number;
  released: ReleasedShare[];
  currency: Currency;
}

/**
 * A late chargeback recovers only what the books miss (a chargeback the order's workflow accounted
 * for, or another event's recovery, left nothing), up to its own amount.
 */
export function lateRecoveryLines(facts: LateRecoveryFacts): LedgerLine[] | undefined {
  const missing = Math.max(0, facts.takenBack - facts.booked);
  return lateChargebackLines(facts.released, Math.min(facts.amount, missing), facts.currency);
}
