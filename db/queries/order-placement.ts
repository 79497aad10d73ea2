/** Order placement's write: the order row and its stock, in one transaction (or neither). */

import type { DbOrTx } from '../client.js';
import { newId } from '../new-id.js';
import type { orders } from '../schema/index.js';
import { reserve } from './inventory.js';
import { insertOrder, type OrderRow } from './orders.js';

/** Thrown inside the transaction so the order row rolls back with the stock it could not take. */
class SoldOut extends Error {}

/**
 * Inserts the order and takes its stock. A buyer who loses the race for the last units hears it now
 * (`out_of_stock`, nothing written) and no workflow runs for an order that could never be paid; the
 * purchase's reserve step then finds it done (reserved once per order). A retried request (same id)
 * finds the row it wrote and takes nothing again.
 */
export async function placeOrderRow(
  db: DbOrTx,
  row: typeof orders.$inferInsert,
): Promise<OrderRow | 'out_of_stock'> {
  try {
    return await db.transaction(async (tx) => {
      const placed = await insertOrder(tx, row);
      if (placed.status !== 'pending') return placed;
      const reserved = await reserve(tx, {
        reservationId: newId('res'),
        orderId: placed.id,
        listingId: placed.listingId,
        quantity: row.quantity,
      });
      if (reserved === 'out_of_stock' || reserved === 'listing_not_found') throw new SoldOut();
      return placed;
    });
  } catch (err) {
    if (err instanceof SoldOut) return 'out_of_stock';
    throw err;
  }
}
