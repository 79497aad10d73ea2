/** Orders whose workflow never started: found by age, ended in one guarded transaction with their stock. */
import { and, asc, eq, lt } from 'drizzle-orm';
import type { FailureReason } from '../../domain/order.js';
import type { DbOrTx } from '../client.js';
import { orders } from '../schema/index.js';
import { release } from './inventory.js';
import { InvalidTransitionError, transitionOrder } from './orders.js';

/** `pending` orders placed before `cutoff`, oldest first. */
export async function pendingOrdersPlacedBefore(db: DbOrTx, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'pending'), lt(orders.createdAt, cutoff)))
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Ends a `pending` order no workflow runs: `failed` with `reason`, its stock back on sale and the buyer
 * told (outbox), all in one transaction guarded by the status. The caller has made sure no workflow
 * runs it; one started after that check finds the order failed, moves nothing and takes nothing (its
 * reserve step finds the reservation, its first transition is refused). `moved_on`: the order was no
 * longer `pending` (a workflow took it, or it was already ended) and nothing was written.
 */
export async function endUnstartedOrder(
  db: DbOrTx,
  params: {
    orderId: string;
    reason: Extract<FailureReason, 'expired' | 'cancelled'>;
    data?: Record<string, unknown>;
  },
): Promise<'ended' | 'moved_on'> {
  const { orderId, reason } = params;
  try {
    return await db.transaction(async (tx) => {
      const [order] = await tx.select({ buyerId: orders.buyerId }).from(orders).where(eq(orders.id, orderId));
      if (!order) return 'moved_on';
      const { moved } = await transitionOrder(tx, {
        orderId,
        from: ['pending'],
        to: 'failed',
        eventKey: `${orderId}:unstarted:${reason}`,
        set: { failureReason: reason },
        data: { failureReason: reason, ...params.data },
        notify: [
          {
            dedupeKey: `${orderId}:notify:buyer:failed`,
            userId: order.buyerId,
            type: 'order.failed',
            orderId,
            payload: { orderId, failureReason: reason },
          },
        ],
      });
      if (!moved) return 'moved_on';
      await release(tx, orderId);
      return 'ended';
    });
  } catch (err) {
    if (err instanceof InvalidTransitionError) return 'moved_on';
    throw err;
  }
}
