/** Carrier events (webhook or poll), stored once by the carrier's event id, and the order a parcel belongs to. */
import { and, desc, eq } from 'drizzle-orm';
import type { CarrierEventRecord } from '../../domain/carrier.js';
import type { DbOrTx } from '../client.js';
import { carrierEvents, orders } from '../schema/index.js';

export type CarrierEventRow = typeof carrierEvents.$inferSelect;

/** Inserts the event unless its id is already stored; true when this call stored it. */
export async function insertCarrierEvent(db: DbOrTx, event: CarrierEventRecord): Promise<boolean> {
  const [stored] = await db
    .insert(carrierEvents)
    .values({
      id: event.id,
      carrier: event.carrier,
      trackingNumber: event.trackingNumber,
      status: event.status,
      occurredAt: new Date(event.occurredAt),
      orderId: event.orderId,
      source: event.source,
      payload: event.payload ?? {},
    })
    .onConflictDoNothing({ target: carrierEvents.id })
    .returning({ id: carrierEvents.id });
  return stored !== undefined;
}

export async function findCarrierEvent(db: DbOrTx, id: string): Promise<CarrierEventRow | undefined> {
  const [row] = await db.select().from(carrierEvents).where(eq(carrierEvents.id, id));
  return row;
}

/**
 * The order a parcel belongs to: the newest one shipped with this carrier and tracking number (a seller
 * may reuse a number; the newest shipment is the one in transit).
 */
export async function findOrderByTracking(
  db: DbOrTx,
  parcel: { carrier: string; trackingNumber: string },
): Promise<{ id: string; status: string; escrowWorkflowId: string | null } | undefined> {
  const [row] = await db
    .select({ id: orders.id, status: orders.status, escrowWorkflowId: orders.escrowWorkflowId })
    .from(orders)
    .where(and(eq(orders.carrier, parcel.carrier), eq(orders.trackingNumber, parcel.trackingNumber)))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(1);
  return row;
}
