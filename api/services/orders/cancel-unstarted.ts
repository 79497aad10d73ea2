/**
 * A party's cancel of a `pending` order whose workflow does not run: `order-<id>` refused the cancel
 * as not found (it never started, the API having stopped between placing the order and starting it,
 * or it has closed). No workflow can be paying for it, so the order ends here — `failed` (`cancelled`),
 * its units back on sale, the buyer told — in one transaction guarded by `pending`. A workflow that
 * starts after the refusal finds the order failed and takes nothing.
 */
import { findOrder, type OrderRow } from '../../../db/queries/orders.js';
import { endUnstartedOrder } from '../../../db/queries/stale-orders.js';
import type { ApiDeps } from '../../types.js';

/** The ended order, or undefined when it was no longer `pending` (a workflow has taken it meanwhile). */
export async function cancelUnstartedOrder(
  deps: ApiDeps,
  orderId: string,
  actorId: string,
): Promise<OrderRow | undefined> {
  const ended = await endUnstartedOrder(deps.db, { orderId, reason: 'cancelled', data: { by: actorId } });
  return ended === 'ended' ? findOrder(deps.db, orderId) : undefined;
}
