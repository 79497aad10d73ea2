/**
 * Creating a listing: the seller's price and stock, and whether it takes offers with its thresholds
 * (docs/design.md "Offers"): both below the price, the decline threshold not above the accept one,
 * only on a listing that takes offers. A listing's `format` (an auction) would be checked here too.
 */
import { newId } from '../../../db/new-id.js';
import { createListing, type ListingRow } from '../../../db/queries/listings.js';
import { DomainError } from '../../../domain/errors.js';
import type { Currency } from '../../../domain/money.js';
import type { ApiDeps } from '../../types.js';

export interface NewListing {
  title: string;
  amount: number;
  currency: Currency;
  quantity: number;
  acceptOffers?: boolean;
  autoAcceptAmount?: number;
  autoDeclineAmount?: number;
}

/** Why the offer settings cannot hold, or undefined (the database's CHECK says the same). */
export function offerSettingsProblem(l: NewListing): string | undefined {
  const thresholds = [l.autoAcceptAmount, l.autoDeclineAmount].filter((a) => a !== undefined);
  if (thresholds.length && !l.acceptOffers) return 'auto-accept and auto-decline need acceptOffers: true';
  if (thresholds.some((a) => a >= l.amount))
    return 'auto-accept and auto-decline amounts lie below the price';
  if (
    l.autoAcceptAmount !== undefined &&
    l.autoDeclineAmount !== undefined &&
    l.autoDeclineAmount > l.autoAcceptAmount
  )
    return 'the auto-decline amount is not above the auto-accept amount';
  return undefined;
}

export async function createListingFor(deps: ApiDeps, sellerId: string, l: NewListing): Promise<ListingRow> {
  const problem = offerSettingsProblem(l);
  if (problem) throw new DomainError('amount_out_of_range', problem);
  return createListing(deps.db, {
    id: newId('lst'),
    sellerId,
    title: l.title,
    amount: BigInt(l.amount),
    currency: l.currency,
    quantity: l.quantity,
    available: l.quantity,
    acceptOffers: l.acceptOffers ?? false,
    autoAcceptAmount: l.autoAcceptAmount === undefined ? null : BigInt(l.autoAcceptAmount),
    autoDeclineAmount: l.autoDeclineAmount === undefined ? null : BigInt(l.autoDeclineAmount),
  });
}
