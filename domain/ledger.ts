/**
 * Ledger postings of an order's money, as pure functions: every posting balances to zero in its one
 * currency (docs/design.md "Ledger accounts"). Workflows send these lines; the ledger activity
 * checks the balance again and writes them once by their key.
 */
import { accounts } from './ids.js';
import { type Currency, feeFor } from './money.js';

export interface LedgerLine {
  account: string;
  currency: Currency;
  /** Signed minor units as a decimal string: JSON carries bigint-safe values this way. */
  amount: string;
}

export interface LedgerPostInput {
  key: string;
  description: string;
  orderId?: string;
  lines: LedgerLine[];
}

/** What an order's postings need to know of it. */
export interface OrderMoney {
  orderId: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  feeBps: number;
}

const line = (account: string, currency: Currency, amount: number | bigint): LedgerLine => ({
  account,
  currency,
  amount: String(amount),
});

/** The captured payment moves from the buyer's funding into the order's escrow account. */
export function captureLines({ orderId, amount, currency }: Omit<OrderMoney, 'sellerId' | 'feeBps'>) {
  return [
    line(accounts.buyerFunding(currency), currency, -amount),
    line(accounts.escrow(orderId), currency, amount),
  ];
}

/** All of the escrow goes back to the buyer (a cancel, or a purchase failing after its capture). */
export function refundLines({ orderId, amount, currency }: Omit<OrderMoney, 'sellerId' | 'feeBps'>) {
  return [line(accounts.escrow(orderId), currency, -amount), line(accounts.refunds, currency, amount)];
}

/** Delivery confirmed: the seller gets the escrow minus the platform fee. */
export function releaseLines(order: OrderMoney): { lines: LedgerLine[]; fee: number } {
  return settlementLines(order, 0);
}

/**
 * A dispute's decision: `refund` back to the buyer, the rest to the seller minus the fee on it. Lines
 * of zero are left out.
 */
export function settlementLines(
  { orderId, sellerId, amount, currency, feeBps }: OrderMoney,
  refund: number,
): { lines: LedgerLine[]; fee: number } {
  const sellerPart = amount - refund;
  const fee = feeFor(sellerPart, feeBps);
  const lines = [line(accounts.escrow(orderId), currency, -amount)];
  if (refund > 0) lines.push(line(accounts.refunds, currency, refund));
  if (sellerPart - fee > 0) lines.push(line(accounts.sellerAvailable(sellerId), currency, sellerPart - fee));
  if (fee > 0) lines.push(line(accounts.platformFees, currency, fee));
  return { lines, fee };
}

/** What the seller and the platform were given of `released` minor units (before the fee). */
export function releasedShares({ sellerId, currency, feeBps }: OrderMoney, released: number): LedgerLine[] {
  const fee = feeFor(released, feeBps);
  return [
    line(accounts.sellerAvailable(sellerId), currency, released - fee),
    line(accounts.platformFees, currency, fee),
  ];
}

/** The sum of a posting per currency: zero for every currency when it balances. */
export function balanceOf(lines: readonly LedgerLine[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const l of lines) sums.set(l.currency, (sums.get(l.currency) ?? 0n) + BigInt(l.amount));
  return sums;
}
