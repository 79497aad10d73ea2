/** Inventory reservation: the guarded UPDATE of docs/design.md is what makes overselling impossible. */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { inventoryReservations, listings } from '../schema/index.js';
import { withinTransaction } from '../within-transaction.js';

export type ReserveOutcome = 'reserved' | 'already_reserved' | 'out_of_stock' | 'listing_not_found';

/** Thrown inside the transaction so the reservation insert rolls back with the failed stock update. */
class ReserveAborted extends Error {
  constructor(readonly outcome: ReserveOutcome) {
    super(outcome);
  }
}

/** What taking the stock did, and the listing's stock left when it took it. */
export type TakeStock = { outcome: ReserveOutcome; available?: number };

/**
 * Inserts the reservation (unique per order) and takes the stock, inside the caller's transaction
 * (no savepoint: one round trip fewer each way). On `out_of_stock` or `listing_not_found` the
 * reservation row is written already: the caller must roll its transaction back.
 */
export async function takeStock(
  tx: DbOrTx,
  params: { reservationId: string; orderId: string; listingId: string; quantity: number },
): Promise<TakeStock> {
  const [inserted] = await tx
    .insert(inventoryReservations)
    .values({
      id: params.reservationId,
      orderId: params.orderId,
      listingId: params.listingId,
      quantity: params.quantity,
    })
    .onConflictDoNothing({ target: inventoryReservations.orderId })
    .returning({ id: inventoryReservations.id });
  if (!inserted) return { outcome: 'already_reserved' };
  const [taken] = await tx
    .update(listings)
    .set({ available: sql`${listings.available} - ${params.quantity}`, updatedAt: new Date() })
    .where(and(eq(listings.id, params.listingId), sql`${listings.available} >= ${params.quantity}`))
    .returning({ available: listings.available });
  if (taken) return { outcome: 'reserved', available: taken.available };
  const [exists] = await tx
    .select({ id: listings.id })
    .from(listings)
    .where(eq(listings.id, params.listingId));
  return { outcome: exists ? 'out_of_stock' : 'listing_not_found' };
}

/**
 * The reservation and its stock in one transaction, or neither. An order reserved already (the API
 * takes the stock with the order row, so the purchase's reserve step nearly always finds it) is
 * answered by one read, without a transaction: reservations are never deleted.
 */
export async function reserve(
  db: DbOrTx,
  params: { reservationId: string; orderId: string; listingId: string; quantity: number },
): Promise<ReserveOutcome> {
  const [held] = await db
    .select({ id: inventoryReservations.id })
    .from(inventoryReservations)
    .where(eq(inventoryReservations.orderId, params.orderId));
  if (held) return 'already_reserved';
  try {
    return await db.transaction(async (tx) => {
      const { outcome } = await takeStock(tx, params);
      if (outcome === 'out_of_stock' || outcome === 'listing_not_found') throw new ReserveAborted(outcome);
      return outcome;
    });
  } catch (err) {
    if (err instanceof ReserveAborted) return err.outcome;
    throw err;
  }
}

/** Gives held stock back; a no-op unless the reservation is still held (idempotent). */
export async function release(db: DbOrTx, orderId: string): Promise<boolean> {
  return withinTransaction(db, async (tx) => {
    const [released] = await tx
      .update(inventoryReservations)
      .set({ status: 'released', updatedAt: new Date() })
      .where(and(eq(inventoryReservations.orderId, orderId), eq(inventoryReservations.status, 'held')))
      .returning({ listingId: inventoryReservations.listingId, quantity: inventoryReservations.quantity });
    if (!released) return false;
    await tx
      .update(listings)
      .set({ available: sql`${listings.available} + ${released.quantity}`, updatedAt: new Date() })
      .where(eq(listings.id, released.listingId));
    return true;
  });
}

/** Makes a held reservation final (the item is sold); idempotent. */
export async function commit(db: DbOrTx, orderId: string): Promise<boolean> {
  const rows = await db
    .update(inventoryReservations)
    .set({ status: 'committed', updatedAt: new Date() })
    .where(and(eq(inventoryReservations.orderId, orderId), eq(inventoryReservations.status, 'held')))
    .returning({ id: inventoryReservations.id });
  return rows.length > 0;
}

/** Puts a committed item back on sale (cancellation or return before shipment); idempotent. */
export async function restock(db: DbOrTx, orderId: string): Promise<boolean> {
  return withinTransaction(db, async (tx) => {
    const [row] = await tx
      .update(inventoryReservations)
      .set({ status: 'released', updatedAt: new Date() })
      .where(and(eq(inventoryReservations.orderId, orderId), eq(inventoryReservations.status, 'committed')))
      .returning({ listingId: inventoryReservations.listingId, quantity: inventoryReservations.quantity });
    if (!row) return false;
    await tx
      .update(listings)
      .set({ available: sql`${listings.available} + ${row.quantity}`, updatedAt: new Date() })
      .where(eq(listings.id, row.listingId));
    return true;
  });
}
