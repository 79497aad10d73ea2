/** createActivities(deps): every activity of the platform, grouped by area. */
import { createAuctionActivities } from './auctions.js';
import { createCarrierActivities } from './carriers.js';
import { createChargebackActivities } from './chargebacks.js';
import type { ActivityDeps } from './deps.js';
import { createDisputeActivities } from './disputes.js';
import { createFraudActivities } from './fraud.js';
import { createInventoryActivities } from './inventory.js';
import { createLedgerActivities } from './ledger.js';
import { createNotificationActivities } from './notifications.js';
import { createOfferActivities } from './offers.js';
import { createOrderActivities } from './orders.js';
import { createPaymentActivities } from './payments.js';
import { createPayoutActivities, createPayoutSweepActivities } from './payouts.js';
import { createPrivacyActivities } from './privacy.js';
import { purchaseStepsOf } from './purchase-steps.js';
import { createReconciliationActivities } from './reconciliation.js';
import { createSellerWebhookActivities } from './seller-webhooks.js';
import { createStaleOrderActivities } from './stale-orders.js';

export function createActivities(deps: ActivityDeps) {
  const inventory = createInventoryActivities(deps);
  const fraud = createFraudActivities(deps);
  const orders = createOrderActivities(deps);
  const payments = createPaymentActivities(deps);
  return {
    ...inventory,
    ...fraud,
    ...createDisputeActivities(deps),
    ...createReconciliationActivities(deps),
    ...orders,
    ...purchaseStepsOf({ ...inventory, ...fraud, ...orders, ...payments }),
    ...payments,
    ...createLedgerActivities(deps),
    ...createNotificationActivities(deps),
    ...createPayoutActivities(deps),
    ...createPayoutSweepActivities(deps),
    ...createCarrierActivities(deps),
    ...createChargebackActivities(deps),
    ...createSellerWebhookActivities(deps),
    ...createStaleOrderActivities(deps),
    ...createOfferActivities(deps),
    ...createAuctionActivities(deps),
    ...createPrivacyActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps.js';
