/**
 * An acceptance: the order at the agreed amount placed as POST /v1/orders places one (its row and its
 * stock, with the offer `accepted`, in one transaction), then its workflow `order-<id>` started as an
 * abandoned child (it outlives the offer) capturing this offer's hold; if that took the listing's last
 * unit, every other live offer on it is told (activities/offers.ts declineLiveOffers).
 */
import {
  CancellationScope,
  ParentClosePolicy,
  startChild,
  upsertSearchAttributes,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { purchaseWorkflowId } from '../../domain/ids.js';
import type { OfferState } from '../../domain/offer.js';
import { PURCHASE_WORKFLOW, type PurchaseInput } from '../../domain/purchase.js';
import { SA } from '../../domain/search-attributes.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import type { purchaseWorkflow } from '../purchase.js';
import type { OfferContext } from './context.js';

/** True once the order exists; false when the listing had no stock left for it. */
export async function accept(o: OfferContext): Promise<boolean> {
  return CancellationScope.nonCancellable(async () => {
    const { input } = o;
    const hold = o.hold!;
    const accepted: OfferState = {
      ...o.state,
      status: 'accepted',
      turn: 'none',
      orderId: o.orderId,
      version: o.state.version + 1,
    };
    const outcome = await o.db.placeOfferOrder({
      order: {
        id: o.orderId,
        listingId: input.listingId,
        buyerId: input.buyerId,
        sellerId: input.sellerId,
        quantity: input.quantity,
        amount: accepted.amount,
        currency: input.currency,
        paymentMethod: input.paymentMethod,
      },
      intentId: hold.intentId,
      state: accepted,
      notify: [o.notice('buyer', 'accepted', accepted), o.notice('seller', 'accepted', accepted)],
    });
    if (outcome.outcome === 'out_of_stock') return false;
    o.state = accepted;
    o.recorded = accepted.version;
    upsertSearchAttributes([{ key: SA.OrderId, value: o.orderId }]);
    await startOrder(o, {
      orderId: o.orderId,
      listingId: input.listingId,
      buyerId: input.buyerId,
      sellerId: input.sellerId,
      quantity: input.quantity,
      amount: accepted.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
      escrow: input.escrow,
      ...(input.clientIp && { clientIp: input.clientIp }),
      preauthorized: { intentId: hold.intentId },
    });
    if (outcome.soldOut)
      await o.fanOut.declineLiveOffers({ listingId: input.listingId, exceptOfferId: input.offerId });
    return true;
  });
}

async function startOrder(o: OfferContext, order: PurchaseInput): Promise<void> {
  await startChild<typeof purchaseWorkflow>(PURCHASE_WORKFLOW, {
    workflowId: purchaseWorkflowId(order),
    taskQueue: TASK_QUEUES.orders,
    args: [order],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    staticSummary: `Order from offer ${o.input.offerId}: ${order.amount} ${order.currency} minor units`,
  });
}
