/**
 * Creating a listing of either format (POST /v1/listings). An auction (docs/design.md "Auctions"):
 * one unit, no offers, its `amount` the start amount, a reserve not below it, an end in the future;
 * the listing and its auction row in one transaction, then `auction-<listingId>` owning the end.
 */
import { createHash } from 'node:crypto';
import { escrowTimers } from '../../../config/env.js';
import { newId } from '../../../db/new-id.js';
import { createAuctionListing } from '../../../db/queries/auctions.js';
import type { ListingRow } from '../../../db/queries/listings.js';
import { type AuctionInput, DEFAULT_BID_INCREMENT, type ListingFormat } from '../../../domain/auction.js';
import { DomainError } from '../../../domain/errors.js';
import type { ApiDeps } from '../../types.js';
import { createListingFor, type NewListing } from '../listings/create.js';
import { startAuction } from './start.js';

/** An auction runs at most this long: a listing is not left open for a season. */
const MAX_AUCTION_MS = 30 * 24 * 3600_000;

export interface ListingBody extends Omit<NewListing, 'amount'> {
  amount?: number | undefined;
  format?: ListingFormat | undefined;
  auction?:
    | { startAmount: number; reserveAmount?: number; endsAt: string; bidIncrement?: number }
    | undefined;
}

export async function createAnyListing(
  deps: ApiDeps,
  sellerId: string,
  body: ListingBody,
  idempotencyKey?: string,
): Promise<ListingRow> {
  if (body.format === 'auction') return createAuctionListingFor(deps, sellerId, body, idempotencyKey);
  if (body.auction) throw new DomainError('validation_failed', 'auction terms need format: auction');
  if (body.amount === undefined) throw new DomainError('validation_failed', 'amount is required');
  return createListingFor(deps, sellerId, { ...body, amount: body.amount });
}

/**
 * The same seller and Idempotency-Key always name the same listing: a retry after the workflow's start
 * failed (503) finds the rows and starts it, rather than leaving an auction no workflow will end.
 */
const auctionListingId = (sellerId: string, key: string | undefined) =>
  key ? `lst_${createHash('sha256').update(`${sellerId}\n${key}`).digest('hex').slice(0, 32)}` : newId('lst');

async function createAuctionListingFor(
  deps: ApiDeps,
  sellerId: string,
  body: ListingBody,
  idempotencyKey: string | undefined,
): Promise<ListingRow> {
  const terms = body.auction;
  if (!terms) throw new DomainError('validation_failed', 'format auction needs its auction terms');
  if (body.quantity !== 1) throw new DomainError('validation_failed', 'an auction sells exactly one unit');
  if (body.acceptOffers || body.autoAcceptAmount !== undefined || body.autoDeclineAmount !== undefined)
    throw new DomainError('validation_failed', 'an auction takes no offers');
  if (body.amount !== undefined && body.amount !== terms.startAmount)
    throw new DomainError('amount_out_of_range', 'an auction’s amount is its start amount');
  if (terms.reserveAmount !== undefined && terms.reserveAmount < terms.startAmount)
    throw new DomainError('amount_out_of_range', 'the reserve lies at or above the start amount');
  const endsAt = new Date(terms.endsAt);
  const left = endsAt.getTime() - Date.now();
  if (!(left > 0 && left <= MAX_AUCTION_MS))
    throw new DomainError('validation_failed', 'endsAt lies in the future, within 30 days');

  const bidIncrement = terms.bidIncrement ?? DEFAULT_BID_INCREMENT;
  const { listing } = await createAuctionListing(
    deps.db,
    {
      id: auctionListingId(sellerId, idempotencyKey),
      sellerId,
      title: body.title,
      amount: BigInt(terms.startAmount),
      currency: body.currency,
      quantity: 1,
      available: 1,
    },
    {
      startAmount: BigInt(terms.startAmount),
      reserveAmount: terms.reserveAmount === undefined ? null : BigInt(terms.reserveAmount),
      bidIncrement: BigInt(bidIncrement),
      endsAt,
    },
  );
  const input: AuctionInput = {
    listingId: listing.id,
    sellerId,
    currency: body.currency,
    title: body.title,
    terms: {
      startAmount: terms.startAmount,
      bidIncrement,
      ...(terms.reserveAmount !== undefined && { reserveAmount: terms.reserveAmount }),
    },
    endsAt: endsAt.toISOString(),
    escrow: { feeBps: deps.env.PLATFORM_FEE_BPS, timers: escrowTimers(deps.env) },
  };
  await startAuction(deps, input);
  return listing;
}
