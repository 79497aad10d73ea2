import type { DbOrTx } from '../../../db/client.js';
import { type DisputeFilter, type DisputeRow, listDisputes } from '../../../db/queries/disputes.js';
import { findOrder, type OrderRow } from '../../../db/queries/orders.js';

/** Disputes matching an operator's filter, newest first, each with its order. */
export async function disputesWithOrders(
  db: DbOrTx,
  filter: DisputeFilter,
): Promise<Array<{ dispute: DisputeRow; order: OrderRow }>> {
  const found = [];
  for (const { dispute } of await listDisputes(db, filter)) {
    const order = await findOrder(db, dispute.orderId);
    if (order) found.push({ dispute, order });
  }
  return found;
}
