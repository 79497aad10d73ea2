import { recoverUnbookedTakeBack } from '../db/queries/chargeback-recovery.js';
import { refundsBookedForOrder } from '../db/queries/ledger.js';
import { findOrder } from '../db/queries/orders.js';
import type { LateChargebackInput } from '../domain/chargeback.js';
import type { ActivityDeps } from './deps.js';

export function createChargebackActivities({ db, payments }: ActivityDeps) {
  /** What the provider shows taken back from an order's payment: refunds and chargebacks. */
  const takenBackAtProvider = async (orderId: string): Promise<number> => {
    const order = await findOrder(db, orderId);
    if (!order?.paymentIntentId) return 0;
    const intent = await payments.getIntent(order.paymentIntentId);
    return intent.amountRefunded + (intent.amountDisputed ?? 0);
  };

  return {
    /**
     * What the provider shows taken back from an order's payment that its postings have not booked
     * as refunds: the most a late chargeback may still recover. Histories before
     * `late-chargeback-recovered-under-lock` read it apart from the recovery's posting.
     */
    async unbookedTakeBack({ orderId }: { orderId: string }): Promise<number> {
      const takenBack = await takenBackAtProvider(orderId);
      const booked = Number(await refundsBookedForOrder(db, orderId));
      return Math.max(0, takenBack - booked);
    },

    /**
     * A late chargeback's recovery: the provider's take-back read, then what the books miss of it
     * booked under the order's lock (db/queries/chargeback-recovery.ts), so events for the same money
     * handled at once recover it once. Answers what it recovered; a seller who cannot cover it fails
     * it as insufficient funds.
     */
    async recoverLateChargeback(
      input: LateChargebackInput & { key: string },
    ): Promise<{ recovered: number }> {
      const { orderId, providerEventId } = input;
      return recoverUnbookedTakeBack(db, {
        ...input,
        takenBack: await takenBackAtProvider(orderId),
        describe: (recovered) =>
          `order ${orderId}: chargeback ${providerEventId} after release, ${recovered} recovered`,
      });
    },
  };
}
