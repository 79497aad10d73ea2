/**
 * The offer workflow's database steps (its state written with its notifications; the acceptance's
 * order placement) and the sold-out fan-out that the acceptance and POST /v1/orders both run.
 */
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { type OfferOrderOutcome, placeOfferOrder } from '../db/queries/offer-acceptance.js';
import { availableOf, liveOffersOf, writeOfferState } from '../db/queries/offers.js';
import { offerWorkflowId } from '../domain/ids.js';
import type { NotifyInput } from '../domain/notifications.js';
import type { OfferState } from '../domain/offer.js';
import type { PurchaseInput } from '../domain/purchase.js';
import { listingSoldOutSignal } from '../workflows/offer/messages.js';
import type { ActivityDeps } from './deps.js';

export interface RecordOfferInput {
  listingId: string;
  state: OfferState;
  notify: NotifyInput[];
}

/** The order an acceptance places, as POST /v1/orders would (amounts as JSON numbers). */
export interface PlaceOfferOrderInput {
  order: { id: string } & Pick<
    PurchaseInput,
    'listingId' | 'buyerId' | 'sellerId' | 'quantity' | 'amount' | 'currency' | 'paymentMethod'
  >;
  intentId: string;
  state: OfferState;
  notify: NotifyInput[];
}

/** Signals sent at once by the fan-out. */
const SIGNAL_BATCH = 20;

/**
 * Ends every live offer on a listing whose last unit went (an accepted offer's order, or a purchase):
 * each offer's workflow gets `listingSoldOut` and ends itself `declined` (`sold_out`), voiding its
 * hold. Sent from here, not from the accepting workflow, so both paths share it, the list is read
 * when the stock is gone (offers inserted FOR SHARE of the listing are in it: db/queries/offers.ts),
 * and a listing with hundreds of offers adds no signal commands to one workflow's history. An offer
 * whose workflow has closed or not started yet needs nothing: it checks the stock when it goes live.
 */
export async function declineLiveOffers(
  deps: { db: Db; temporal?: Client; log: Logger },
  listingId: string,
  exceptOfferId?: string,
): Promise<number> {
  const { temporal } = deps;
  if (!temporal) throw new Error('declining sold-out offers needs a Temporal client');
  const ids = await liveOffersOf(deps.db, listingId, exceptOfferId);
  for (let i = 0; i < ids.length; i += SIGNAL_BATCH) {
    await Promise.all(
      ids.slice(i, i + SIGNAL_BATCH).map((offerId) =>
        temporal.workflow
          .getHandle(offerWorkflowId({ offerId }))
          .signal(listingSoldOutSignal, { listingId })
          .catch((err: unknown) => {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          }),
      ),
    );
  }
  if (ids.length) deps.log.info({ listingId, offers: ids.length }, 'sold out: live offers told');
  return ids.length;
}

export function createOfferActivities(deps: ActivityDeps) {
  const { db } = deps;
  return {
    /** Writes the offer's state (once per version) with its notifications; answers the listing's stock. */
    async recordOfferState(input: RecordOfferInput): Promise<{ available: number }> {
      await writeOfferState(db, input.state, input.notify);
      return { available: await availableOf(db, input.listingId) };
    },
    async placeOfferOrder(input: PlaceOfferOrderInput): Promise<OfferOrderOutcome> {
      return placeOfferOrder(db, { ...input, order: { ...input.order, amount: BigInt(input.order.amount) } });
    },
    async declineLiveOffers(input: { listingId: string; exceptOfferId?: string }): Promise<number> {
      return declineLiveOffers(deps, input.listingId, input.exceptOfferId);
    },
  };
}
