/**
 * Offer rows: inserted by the API under the per-buyer cap and the stock check, then written only by
 * the offer's workflow (a projection of its state, each version once and never an older one).
 */
import { and, count, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { NotifyInput } from '../../domain/notifications.js';
import { LIVE_OFFER_STATUSES, type OfferState, type OfferStatus } from '../../domain/offer.js';
import type { DbOrTx } from '../client.js';
import { listings, offers } from '../schema/index.js';
import { keysetBefore } from './keyset.js';
import { enqueueNotifications } from './notification-outbox.js';

export type OfferRow = typeof offers.$inferSelect;

/**
 * Inserts the offer unless its buyer has made `limit` offers on the listing (ended ones count) or the
 * listing has not the units left. A retried request (same id) finds its row. The listing row is read
 * FOR SHARE: a stock take (an UPDATE of that row) waits for this insert to commit or this insert waits
 * for the take, so the sold-out fan-out that follows a take sees this offer, or this insert sees no
 * stock. An advisory lock per buyer and listing keeps two concurrent offers from both passing the cap.
 */
export async function insertOffer(
  db: DbOrTx,
  row: typeof offers.$inferInsert,
  limit: number,
): Promise<OfferRow | 'out_of_stock' | 'offer_limit_reached'> {
  return db.transaction(async (tx) => {
    const existing = await findOffer(tx, row.id);
    if (existing) return existing;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${row.buyerId}), hashtext(${row.listingId}))`);
    const [listing] = await tx
      .select({ available: listings.available })
      .from(listings)
      .where(eq(listings.id, row.listingId))
      .for('share');
    if (!listing || listing.available < row.quantity) return 'out_of_stock';
    const [made] = await tx
      .select({ n: count() })
      .from(offers)
      .where(and(eq(offers.listingId, row.listingId), eq(offers.buyerId, row.buyerId)));
    if ((made?.n ?? 0) >= limit) return 'offer_limit_reached';
    const [inserted] = await tx.insert(offers).values(row).returning();
    return inserted!;
  });
}

export async function findOffer(db: DbOrTx, id: string): Promise<OfferRow | undefined> {
  const [row] = await db.select().from(offers).where(eq(offers.id, id));
  return row;
}

export async function listOffersFor(
  db: DbOrTx,
  params: {
    userId: string;
    role?: 'buyer' | 'seller';
    status?: OfferStatus;
    limit: number;
    before?: { createdAt: Date; id: string };
  },
): Promise<OfferRow[]> {
  const party =
    params.role === 'buyer'
      ? eq(offers.buyerId, params.userId)
      : params.role === 'seller'
        ? eq(offers.sellerId, params.userId)
        : or(eq(offers.buyerId, params.userId), eq(offers.sellerId, params.userId));
  const conditions: (SQL | undefined)[] = [party, keysetBefore(offers.createdAt, offers.id, params.before)];
  if (params.status) conditions.push(eq(offers.status, params.status));
  return db
    .select()
    .from(offers)
    .where(and(...conditions))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(params.limit);
}

/** The listing's offers still negotiating (each holding money), but `exceptOfferId`. */
export async function liveOffersOf(db: DbOrTx, listingId: string, exceptOfferId?: string): Promise<string[]> {
  const rows = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.listingId, listingId), inArray(offers.status, [...LIVE_OFFER_STATUSES])));
  return rows.map((r) => r.id).filter((id) => id !== exceptOfferId);
}

/**
 * Writes the workflow's state of the offer, with the notifications of that change (the outbox, same
 * transaction), unless the row holds this version or a newer one already (a retry): true when written.
 */
export async function writeOfferState(
  db: DbOrTx,
  state: OfferState,
  notify: readonly NotifyInput[],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [written] = await tx
      .update(offers)
      .set({
        status: state.status,
        turn: state.turn,
        amount: BigInt(state.amount),
        expiresAt: state.expiresAt ? new Date(state.expiresAt) : null,
        orderId: state.orderId ?? null,
        reason: state.reason ?? null,
        failureReason: state.failureReason ?? null,
        history: state.history,
        version: state.version,
        updatedAt: new Date(),
      })
      .where(and(eq(offers.id, state.offerId), lt(offers.version, state.version)))
      .returning({ id: offers.id });
    if (written && notify.length) await enqueueNotifications(tx, notify);
    return written !== undefined;
  });
}

/** Units of a listing still for sale (0 when it is gone). */
export async function availableOf(db: DbOrTx, listingId: string): Promise<number> {
  const [row] = await db
    .select({ available: listings.available })
    .from(listings)
    .where(eq(listings.id, listingId));
  return row?.available ?? 0;
}
