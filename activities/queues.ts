/**
 * Which activities each task queue's workers register, and so which ones a workflow may schedule on
 * that queue: workflows proxy activities through `activitiesOn(options)` (workflows/options.ts),
 * typed by the group of the options' queue, so a payments call sent to the carriers queue does not
 * type-check (workflows/activity-queues.test.ts).
 */
import type { TaskQueue } from '../domain/task-queues.js';
import type { Activities } from './index.js';

/** The purchase's provider calls run on `orders` too: the server dispatches them eagerly there. */
const PURCHASE_PROVIDER_CALLS = [
  'authorizePayment',
  'capturePayment',
  'voidAuthorization',
  'refundPayment',
] as const;

export const ACTIVITY_QUEUES = {
  /** Short PostgreSQL steps (regular, and local ones, which run where the workflow runs). */
  orders: [
    'admitOrder',
    'authorizeOrder',
    'reserveInventory',
    'releaseReservation',
    'commitReservation',
    'restockOrder',
    'screenPurchase',
    'setOrderStatus',
    'settlePaid',
    'postLedger',
    'openDisputeRecord',
    'recordDisputeOutcome',
    'recordEvidence',
    'setDisputeStatus',
    'recordCarrierEvent',
    'setPayoutStatus',
    'createSweepPayout',
    'listPayoutsDue',
    'listStaleOrders',
    'expireStaleOrder',
    'recordOfferState',
    'placeOfferOrder',
    'declineLiveOffers',
    'closeAuction',
    'placeAuctionOrder',
    'awaitOrderPayment',
    'recordAuctionOutcome',
    'buildDataExport',
    'expireDataExport',
    'eraseWhenNothingOpen',
    ...PURCHASE_PROVIDER_CALLS,
  ],
  /** The payment provider, under its rate limit. */
  payments: [
    ...PURCHASE_PROVIDER_CALLS,
    'pollPaymentConfirmation',
    'unbookedTakeBack',
    'recoverLateChargeback',
    'createTransfer',
    'checkTransfer',
    'reconcilePeriod',
  ],
  ledger: ['postLedger', 'releasedForOrder'],
  notifications: ['notify', 'deliverSellerWebhook', 'finishSellerWebhookDelivery'],
  carriers: ['registerTracker', 'getTracking'],
} as const satisfies Record<TaskQueue, readonly (keyof Activities)[]>;

export type ActivityGroups = {
  [Q in TaskQueue]: Pick<Activities, (typeof ACTIVITY_QUEUES)[Q][number]>;
};

/** The activities a worker of `queue` registers. */
export function activitiesFor<Q extends TaskQueue>(all: Activities, queue: Q): ActivityGroups[Q] {
  return Object.fromEntries(ACTIVITY_QUEUES[queue].map((name) => [name, all[name]])) as ActivityGroups[Q];
}

/** Every activity is on some queue: an activity in no group would be registered by no worker. */
type Unqueued = Exclude<keyof Activities, (typeof ACTIVITY_QUEUES)[TaskQueue][number]>;
export const EVERY_ACTIVITY_HAS_A_QUEUE: [Unqueued] extends [never] ? true : Unqueued = true;
