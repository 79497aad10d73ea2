/**
 * The offer workflow's messages (`offer-<offerId>`), defined once for the workflow and every caller:
 * the name of each is the string literal here and nowhere else (api/message-names.test.ts).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OfferCounter, OfferMover, OfferState, SoldOutSignal } from '../../domain/offer.js';

/** The offer as its workflow holds it. */
export const offerStatusQuery = defineQuery<OfferState>('status');
/** Resolves once the buyer's hold is known (live, failed, or settled by the listing's thresholds). */
export const awaitHoldUpdate = defineUpdate<OfferState>('awaitHold');
/** The party whose turn it is agrees to the other's last amount: an order at that amount. */
export const acceptOfferUpdate = defineUpdate<OfferState, [OfferMover]>('acceptOffer');
/** The party whose turn it is ends the offer. */
export const declineOfferUpdate = defineUpdate<OfferState, [OfferMover]>('declineOffer');
/** The party whose turn it is proposes an amount between the two on the table. */
export const counterOfferUpdate = defineUpdate<OfferState, [OfferCounter]>('counterOffer');
/** The buyer takes the offer back while it is the seller's turn. */
export const withdrawOfferUpdate = defineUpdate<OfferState, [OfferMover]>('withdrawOffer');
/** The listing's last unit went to another buyer: the offer ends `declined` (`sold_out`). */
export const listingSoldOutSignal = defineSignal<[SoldOutSignal]>('listingSoldOut');
