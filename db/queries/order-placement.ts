/** Order placement's write: the order row and its stock, in one transaction (or neither). */

import type { DbOrTx } from '../client.js';
import { newId } from '../new-id.js';
import type { orders } from '../schema/index.js';
import { takeStock } from './inventory.js';
import { insertOrder, type OrderRow } from './orders.js';

/** Thrown inside the transaction so the order row rolls back with the stock it could not take. */
class SoldOut extends Error {}

/** The placed order, and the listing's stock left when this placement took its units. */
export interface PlacedOrder {
  order: OrderRow;
  /** Unknown when the row was there already (a retried request took nothing). */
  stockLeft: number | undefined;
}

/**
 * Inserts the order and takes its stock. A buyer who loses the race for the last units hears it now
 * (`out_of_stock`, nothing written) and no workflow runs for an order that could never be paid; the
 * purchase's reserve step then finds it done (reserved once per order). A retried request (same id)
 * finds the row it wrote and takes nothing again.
 */
export async function placeOrderWithStock(
  db: DbOrTx,
  row: typeof orders.$inferInsert,
): Promise<PlacedOrder | 'out_of_stock'> {
  try {
    return await db.transaction(async (tx) => {
      const placed = await insertOrder(tx, row);
      if (placed.status !== 'pending') return { order: placed, stockLeft: undefined };
      const { outcome, available } = await takeStock(tx, {
        reservationId: newId('res'),
        orderId: placed.id,
        listingId: placed.listingId,
        quantity: row.quantity,
      });
      if (outcome === 'out_of_stock' || outcome === 'listing_not_found') throw new SoldOut();
      return { order: placed, stockLeft: available };
    });
  } catch (err) {
    if (err instanceof SoldOut) return 'out_of_stock';
    throw err;
  }
}

/** `placeOrderWithStock` for callers that need only the row. */
export async function placeOrderRow(
  db: DbOrTx,
  row: typeof orders.$inferInsert,
): Promise<OrderRow | 'out_of_stock'> {
  const placed = await placeOrderWithStock(db, row);
  return placed === 'out_of_stock' ? placed : placed.order;
}
