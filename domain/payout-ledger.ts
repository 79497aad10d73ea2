/**
 * A payout's postings: the seller's money goes available → in transit when the transfer is made, then
 * in transit → paid out on the provider's verdict, or back to available when the transfer fails.
 */
import { accounts } from './ids.js';
import type { LedgerLine } from './ledger.js';
import type { Currency } from './money.js';

export interface PayoutAmount {
  sellerId: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: Currency;
}

/** One balanced move of the whole amount between two of the seller's accounts. */
const move = (from: string, to: string, { amount, currency }: PayoutAmount): LedgerLine[] => [
  { account: from, currency, amount: String(-amount) },
  { account: to, currency, amount: String(amount) },
];

export const payoutInTransitLines = (p: PayoutAmount): LedgerLine[] =>
  move(accounts.sellerAvailable(p.sellerId), accounts.payoutInTransit(p.sellerId), p);

export const payoutPaidLines = (p: PayoutAmount): LedgerLine[] =>
  move(accounts.payoutInTransit(p.sellerId), accounts.sellerPaidOut(p.sellerId), p);

export const payoutReversedLines = (p: PayoutAmount): LedgerLine[] =>
  move(accounts.payoutInTransit(p.sellerId), accounts.sellerAvailable(p.sellerId), p);
