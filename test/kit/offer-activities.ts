/**
 * The offer workflow's activities on the kit's state (activities/offers.ts): its state written once
 * per version with its notices, the acceptance's order placed with its stock or not at all, and the
 * sold-out fan-out signalling every other live offer of the listing.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Activities } from '../../activities/index.js';
import { offerWorkflowId } from '../../domain/ids.js';
import type { NotifyInput } from '../../domain/notifications.js';
import type { OfferState } from '../../domain/offer.js';
import { listingSoldOutSignal } from '../../workflows/offer/messages.js';
import type { KitState } from './activities.js';

type OfferActivities = Pick<Activities, 'recordOfferState' | 'placeOfferOrder' | 'declineLiveOffers'>;

export function offerFakes(
  s: KitState,
  outbox: (notice: NotifyInput) => Promise<void>,
  iso: () => Promise<string>,
): OfferActivities {
  const writeOffer = async (state: OfferState, notices: NotifyInput[]) => {
    if (!s.offers.write(state)) return;
    for (const notice of notices) await outbox(notice);
  };
  return {
    async recordOfferState({ listingId, state, notify }) {
      await writeOffer(state, notify);
      return { available: s.stock.available(listingId) ?? 0 };
    },
    /** One transaction (db/queries/offer-acceptance.ts): the order and its stock, or nothing. */
    async placeOfferOrder({ order, intentId, state, notify }) {
      const taken = s.stock.reserve({
        orderId: order.id,
        listingId: order.listingId,
        quantity: order.quantity,
      });
      if (taken === 'out_of_stock' || taken === 'listing_not_found') return { outcome: 'out_of_stock' };
      s.orders.insert(order, await iso());
      s.records.linkToOrder(state.offerId, intentId, order.id);
      await writeOffer(state, notify);
      return { outcome: 'placed', soldOut: s.stock.available(order.listingId) === 0 };
    },
    /** The API's purchase path runs this too (the kit's placeOrder on a shared listing). */
    async declineLiveOffers({ listingId, exceptOfferId }) {
      const ids = s.offers.live(listingId, exceptOfferId);
      for (const offerId of ids)
        await s.client.workflow
          .getHandle(offerWorkflowId({ offerId }))
          .signal(listingSoldOutSignal, { listingId })
          .catch((err: unknown) => {
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          });
      return ids.length;
    },
  };
}
