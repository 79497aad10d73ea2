/** The workflow bundle's entry: every workflow the `orders` task queue runs. */

export * from './auction.js';
export * from './data-export.js';
export * from './dispute.js';
export * from './erasure.js';
export * from './late-chargeback.js';
export * from './offer.js';
export * from './payout.js';
export * from './payout-sweep.js';
export * from './purchase.js';
export * from './reconciliation.js';
export * from './seller-webhook-delivery.js';
export * from './stale-order-sweep.js';
