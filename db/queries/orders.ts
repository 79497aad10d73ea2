/** Order rows are a read projection; state changes are guarded transitions with their event. */
import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { NotifyInput } from '../../domain/notifications.js';
import type { OrderStatus } from '../../domain/order.js';
import type { DbOrTx } from '../client.js';
import { orderEvents, orders } from '../schema/index.js';
import { withinTransaction } from '../within-transaction.js';
import { keysetBefore } from './keyset.js';
import { enqueueNotifications } from './notification-outbox.js';

export type OrderRow = typeof orders.$inferSelect;

export async function insertOrder(db: DbOrTx, row: typeof orders.$inferInsert): Promise<OrderRow> {
  const [inserted] = await db
    .insert(orders)
    .values(row)
    .onConflictDoNothing({ target: orders.id })
    .returning();
  if (inserted) {
    await db
      .insert(orderEvents)
      .values({ orderId: row.id, key: `${row.id}:created`, type: 'order.created', toStatus: 'pending' })
      .onConflictDoNothing();
    return inserted;
  }
  const existing = await findOrder(db, row.id);
  if (!existing) throw new Error(`order ${row.id} vanished`);
  return existing;
}

export async function findOrder(db: DbOrTx, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row;
}

export class InvalidTransitionError extends Error {
  constructor(
    readonly orderId: string,
    readonly current: string | undefined,
    readonly to: OrderStatus,
  ) {
    super(`order ${orderId} cannot move from ${current ?? 'missing'} to ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

/** A guarded status change: from one of `from` to `to`, with its event (and notifications). */
export interface OrderTransition {
  orderId: string;
  from: readonly OrderStatus[];
  to: OrderStatus;
  eventKey: string;
  set?: Partial<
    Pick<
      OrderRow,
      | 'failureReason'
      | 'paymentIntentId'
      | 'carrier'
      | 'trackingNumber'
      | 'deadlines'
      | 'paidAt'
      | 'escrowWorkflowId'
    >
  >;
  data?: Record<string, unknown>;
  /** Notifications of the change, owed from the moment it commits (the outbox). */
  notify?: readonly NotifyInput[];
}

/** The guarded `UPDATE` of a transition: it changes the row only from one of `from`. */
export function guardedStatusUpdate(db: DbOrTx, params: OrderTransition) {
  return db
    .update(orders)
    .set({ status: params.to, updatedAt: new Date(), ...params.set })
    .where(and(eq(orders.id, params.orderId), inArray(orders.status, [...params.from])));
}

/**
 * Moves the order from one of `from` to `to` and appends the event, in one transaction. A retry
 * after success finds the order already in `to` and the event key taken: a no-op (`moved: false`).
 */
export async function transitionOrder(
  db: DbOrTx,
  params: OrderTransition,
): Promise<OrderRow & { moved: boolean }> {
  return withinTransaction(db, async (tx) => {
    const [updated] = await guardedStatusUpdate(tx, params).returning();
    const current = updated ?? (await findOrder(tx, params.orderId));
    if (!current || current.status !== params.to) {
      throw new InvalidTransitionError(params.orderId, current?.status, params.to);
    }
    if (updated) {
      await tx
        .insert(orderEvents)
        .values({
          orderId: params.orderId,
          key: params.eventKey,
          type: `order.${params.to}`,
          toStatus: params.to,
          data: params.data ?? {},
        })
        .onConflictDoNothing();
      if (params.notify?.length) await enqueueNotifications(tx, params.notify);
    }
    return { ...current, moved: updated !== undefined };
  });
}

/**
 * Ends an order whose purchase workflow could not be started: `pending` → `failed` (not_started), so it
 * does not wait forever for a workflow that will never come. Guarded: if a workflow did start after all
 * and has moved the order on, the order is left to it (`moved_on`).
 */
export async function failUnstartedOrder(
  db: DbOrTx,
  orderId: string,
  detail: string,
): Promise<'failed' | 'moved_on'> {
  try {
    const { moved } = await transitionOrder(db, {
      orderId,
      from: ['pending'],
      to: 'failed',
      eventKey: `${orderId}:not_started`,
      set: { failureReason: 'not_started' },
      data: { reason: detail },
    });
    return moved ? 'failed' : 'moved_on';
  } catch (err) {
    if (err instanceof InvalidTransitionError) return 'moved_on';
    throw err;
  }
}

export async function listOrdersFor(
  db: DbOrTx,
  params: {
    userId: string;
    role?: 'buyer' | 'seller';
    limit: number;
    before?: { createdAt: Date; id: string };
  },
): Promise<OrderRow[]> {
  const party =
    params.role === 'buyer'
      ? eq(orders.buyerId, params.userId)
      : params.role === 'seller'
        ? eq(orders.sellerId, params.userId)
        : or(eq(orders.buyerId, params.userId), eq(orders.sellerId, params.userId));
  const conditions: (SQL | undefined)[] = [party];
  conditions.push(keysetBefore(orders.createdAt, orders.id, params.before));
  return db
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(params.limit);
}

export async function orderEventsOf(db: DbOrTx, orderId: string) {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
}
