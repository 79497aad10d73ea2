/**
 * An accepted offer's write: its order placed as POST /v1/orders places one (the order row and its
 * stock, placeOrderWithStock), the hold's payment record moved to the order, and the offer `accepted` with
 * the order's id and its notifications, in one transaction (or none of it).
 */
import { and, eq } from 'drizzle-orm';
import type { NotifyInput } from '../../domain/notifications.js';
import type { OfferState } from '../../domain/offer.js';
import type { DbOrTx } from '../client.js';
import type { orders } from '../schema/index.js';
import { payments } from '../schema/index.js';
import { availableOf, writeOfferState } from './offers.js';
import { placeOrderWithStock } from './order-placement.js';

export type OfferOrderOutcome = { outcome: 'placed'; soldOut: boolean } | { outcome: 'out_of_stock' };

export async function placeOfferOrder(
  db: DbOrTx,
  params: {
    order: typeof orders.$inferInsert;
    intentId: string;
    state: OfferState;
    notify: readonly NotifyInput[];
  },
): Promise<OfferOrderOutcome> {
  return db.transaction(async (tx) => {
    const placing = await placeOrderWithStock(tx, params.order);
    if (placing === 'out_of_stock') return { outcome: 'out_of_stock' as const };
    const { order: placed, stockLeft } = placing;
    // The hold is the order's now: a chargeback or reconciliation finds the order by its intent.
    await tx
      .update(payments)
      .set({ orderId: placed.id })
      .where(
        and(
          eq(payments.offerId, params.state.offerId),
          eq(payments.providerRef, params.intentId),
          eq(payments.kind, 'authorization'),
        ),
      );
    await writeOfferState(tx, params.state, params.notify);
    const left = stockLeft ?? (await availableOf(tx, placed.listingId));
    return { outcome: 'placed' as const, soldOut: left === 0 };
  });
}
