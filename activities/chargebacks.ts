import { refundsBookedForOrder } from '../db/queries/ledger.js';
import { findOrder } from '../db/queries/orders.js';
import type { ActivityDeps } from './deps.js';

export function createChargebackActivities({ db, payments }: ActivityDeps) {
  return {
    /**
     * What the provider shows taken back from an order's payment (refunds and chargebacks) that its
     * postings have not booked as refunds: the most a late chargeback may still recover. A chargeback
     * the order's workflow already accounted for (its webhook handed on again after the order closed)
     * leaves nothing.
     */
    async unbookedTakeBack({ orderId }: { orderId: string }): Promise<number> {
      const order = await findOrder(db, orderId);
      if (!order?.paymentIntentId) return 0;
      const intent = await payments.getIntent(order.paymentIntentId);
      const takenBack = intent.amountRefunded + (intent.amountDisputed ?? 0);
      const booked = Number(await refundsBookedForOrder(db, orderId));
      return Math.max(0, takenBack - booked);
    },
  };
}
