/**
 * Making an offer (POST /v1/listings/:id/offers): the listing takes offers, the buyer is not its
 * seller, the amount lies below the price; the row goes in under the per-buyer cap and the stock
 * check (db/queries/offers.ts insertOffer), then `offer-<id>` holds the buyer's money. The same buyer
 * and Idempotency-Key always name the same offer, so a retried request cannot make two.
 */
import { createHash } from 'node:crypto';
import { escrowTimers, offerTerms } from '../../../config/env.js';
import { newId } from '../../../db/new-id.js';
import { findListing } from '../../../db/queries/listings.js';
import { findOffer, insertOffer, type OfferRow } from '../../../db/queries/offers.js';
import { DomainError } from '../../../domain/errors.js';
import { type Currency, multiply } from '../../../domain/money.js';
import type { OfferInput } from '../../../domain/offer.js';
import type { ApiDeps } from '../../types.js';
import { WorkflowNotStartedError } from '../orders/start-purchase.js';
import { startOfferAndAwaitHold } from './start.js';

export interface MakeOffer {
  buyerId: string;
  listingId: string;
  amount: number;
  quantity: number;
  paymentMethod: string;
  idempotencyKey?: string;
  clientIp?: string;
}

const offerIdFor = (buyerId: string, key: string | undefined) =>
  key ? `off_${createHash('sha256').update(`${buyerId}\n${key}`).digest('hex').slice(0, 32)}` : newId('off');

export async function makeOffer(deps: ApiDeps, req: MakeOffer): Promise<OfferRow> {
  const { db, env } = deps;
  const listing = await findListing(db, req.listingId);
  if (!listing) throw new DomainError('not_found', 'listing not found');
  if (listing.sellerId === req.buyerId)
    throw new DomainError('self_purchase', 'you cannot make an offer on your own listing');
  if (!listing.acceptOffers) throw new DomainError('invalid_state', 'this listing does not take offers');
  const unit = { amount: Number(listing.amount), currency: listing.currency as Currency };
  const listPrice = multiply(unit, req.quantity).amount;
  if (req.amount >= listPrice)
    throw new DomainError(
      'amount_out_of_range',
      `an offer lies below the price (${listPrice} for ${req.quantity})`,
    );

  const row = await insertOffer(
    db,
    {
      id: offerIdFor(req.buyerId, req.idempotencyKey),
      listingId: listing.id,
      buyerId: req.buyerId,
      sellerId: listing.sellerId,
      quantity: req.quantity,
      amount: BigInt(req.amount),
      currency: unit.currency,
      paymentMethod: req.paymentMethod,
    },
    env.OFFERS_PER_BUYER_PER_LISTING,
  );
  if (row === 'out_of_stock')
    throw new DomainError('out_of_stock', `only ${listing.available} available`, {
      available: listing.available,
    });
  if (row === 'offer_limit_reached')
    throw new DomainError(
      'offer_limit_reached',
      `at most ${env.OFFERS_PER_BUYER_PER_LISTING} offers per listing`,
    );

  const scaled = (unitAmount: bigint | null) =>
    unitAmount === null ? undefined : multiply({ ...unit, amount: Number(unitAmount) }, req.quantity).amount;
  const autoAcceptAmount = scaled(listing.autoAcceptAmount);
  const autoDeclineAmount = scaled(listing.autoDeclineAmount);
  const input: OfferInput = {
    offerId: row.id,
    listingId: listing.id,
    buyerId: req.buyerId,
    sellerId: listing.sellerId,
    quantity: row.quantity,
    amount: Number(row.amount),
    currency: unit.currency,
    listPrice,
    paymentMethod: row.paymentMethod,
    ...(autoAcceptAmount !== undefined && { autoAcceptAmount }),
    ...(autoDeclineAmount !== undefined && { autoDeclineAmount }),
    terms: offerTerms(env),
    escrow: { feeBps: env.PLATFORM_FEE_BPS, timers: escrowTimers(env) },
    ...(req.clientIp && { clientIp: req.clientIp }),
  };
  try {
    await startOfferAndAwaitHold(deps, input);
  } catch (err) {
    if (!(err instanceof WorkflowNotStartedError)) throw err;
    // Nothing is held yet; the same Idempotency-Key names this offer and starts it on a retry.
    throw new DomainError(
      'upstream_unavailable',
      'the offer could not be started: retry with the same Idempotency-Key',
      {
        offerId: row.id,
        retryAfterSeconds: 5,
      },
    );
  }
  return (await findOffer(db, row.id)) ?? row;
}
