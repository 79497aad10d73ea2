/**
 * Erasure rows (db/schema/privacy.ts) and the erasure itself: it runs only when nothing of the person
 * is open, decided in the transaction that erases, under a lock on their user row. Every row that
 * could open something new for them (an order, an offer, a payout) references that row, so its
 * foreign-key check waits for the lock: nothing opens between the look and the erasure.
 */
import { and, eq, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import { LIVE_OFFER_STATUSES } from '../../domain/offer.js';
import { FINAL_STATUSES } from '../../domain/order.js';
import { type ErasureState, type OpenItem, sortOpenItems } from '../../domain/privacy.js';
import type { DbOrTx, Tx } from '../client.js';
import { auctions, bids, disputes, erasures, offers, orders, payouts, users } from '../schema/index.js';
import { type ErasureCounts, erasePersonalData } from './erase-personal-data.js';
import { audit } from './ops.js';

export type ErasureRow = typeof erasures.$inferSelect;

/**
 * Orders not final, live offers, open auctions they sell or bid in, undecided disputes and payouts
 * not settled, of the person.
 */
export async function openItemsOf(db: DbOrTx, userId: string): Promise<OpenItem[]> {
  const party = or(eq(orders.buyerId, userId), eq(orders.sellerId, userId));
  const bidIn = db.select({ id: bids.listingId }).from(bids).where(eq(bids.bidderId, userId));
  const [openOrders, liveOffers, openAuctions, openDisputes, unsettledPayouts] = await Promise.all([
    db
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(and(party, notInArray(orders.status, [...FINAL_STATUSES]))),
    db
      .select({ id: offers.id, status: offers.status })
      .from(offers)
      .where(
        and(
          or(eq(offers.buyerId, userId), eq(offers.sellerId, userId)),
          inArray(offers.status, [...LIVE_OFFER_STATUSES]),
        ),
      ),
    db
      .select({ id: auctions.listingId, status: auctions.status })
      .from(auctions)
      .where(
        and(
          eq(auctions.status, 'open'),
          or(eq(auctions.sellerId, userId), inArray(auctions.listingId, bidIn)),
        ),
      ),
    db
      .select({ id: disputes.id, status: disputes.status })
      .from(disputes)
      .innerJoin(orders, eq(disputes.orderId, orders.id))
      .where(and(party, ne(disputes.status, 'resolved'))),
    db
      .select({ id: payouts.id, status: payouts.status })
      .from(payouts)
      .where(and(eq(payouts.sellerId, userId), inArray(payouts.status, ['pending', 'in_transit']))),
  ]);
  return sortOpenItems([
    ...openOrders.map((r) => ({ kind: 'order' as const, ...r })),
    ...liveOffers.map((r) => ({ kind: 'offer' as const, ...r })),
    ...openAuctions.map((r) => ({ kind: 'auction' as const, ...r })),
    ...openDisputes.map((r) => ({ kind: 'dispute' as const, ...r })),
    ...unsettledPayouts.map((r) => ({ kind: 'payout' as const, ...r })),
  ]);
}

export async function findErasureOf(db: DbOrTx, userId: string): Promise<ErasureRow | undefined> {
  const [row] = await db.select().from(erasures).where(eq(erasures.userId, userId));
  return row;
}

/** The person's erasure row, made now (waiting) unless they asked before: one per person. */
export async function requestErasure(
  db: DbOrTx,
  params: { id: string; userId: string },
): Promise<ErasureRow> {
  await db.insert(erasures).values(params).onConflictDoNothing({ target: erasures.userId });
  const row = await findErasureOf(db, params.userId);
  if (!row) throw new Error(`no erasure row for ${params.userId}`);
  return row;
}

export const erasureState = (row: ErasureRow): ErasureState => ({
  erasureId: row.id,
  status: row.status as ErasureState['status'],
  waitingFor: row.waitingFor,
});

/** Whether the person's erasure ran (their tokens are refused then). */
export async function isUserErased(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ erased: sql<boolean>`${users.erasedAt} is not null` })
    .from(users)
    .where(eq(users.id, userId));
  return row?.erased ?? false;
}

async function recordErased(tx: Tx, row: ErasureRow, counts: ErasureCounts): Promise<ErasureRow> {
  const [done] = await tx
    .update(erasures)
    .set({ status: 'done', waitingFor: [], erasedAt: new Date(), updatedAt: new Date() })
    .where(eq(erasures.id, row.id))
    .returning();
  // The audit row names the pseudonym and counts rows; it holds nothing that identifies the person.
  await audit(tx, {
    actorId: row.userId,
    action: 'user.erased',
    subjectType: 'user',
    subjectId: row.userId,
    data: { erasureId: row.id, rows: counts },
  });
  return done!;
}

/**
 * Erases the person's personal data if nothing of theirs is open, in one transaction; otherwise
 * records what it waits for. Done once: a later call answers `done` and changes nothing.
 */
export async function eraseWhenNothingOpen(
  db: DbOrTx,
  params: { erasureId: string; userId: string },
): Promise<ErasureState> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${users} where ${users.id} = ${params.userId} for update`);
    const [row] = await tx.select().from(erasures).where(eq(erasures.id, params.erasureId));
    if (!row || row.userId !== params.userId)
      throw new Error(`no erasure ${params.erasureId} of ${params.userId}`);
    if (row.status === 'done') return erasureState(row);
    const waitingFor = await openItemsOf(tx, params.userId);
    if (waitingFor.length) {
      const [waiting] = await tx
        .update(erasures)
        .set({ waitingFor, updatedAt: new Date() })
        .where(eq(erasures.id, row.id))
        .returning();
      return erasureState(waiting!);
    }
    return erasureState(await recordErased(tx, row, await erasePersonalData(tx, params.userId)));
  });
}
