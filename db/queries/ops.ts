/** Operator views: orders, offers and auctions across all users, filtered by status, party and age. */
import { and, desc, eq, exists, lt, type SQL, sql } from 'drizzle-orm';
import type { AuctionResult, AuctionStatus } from '../../domain/auction.js';
import type { OfferStatus } from '../../domain/offer.js';
import type { OrderStatus } from '../../domain/order.js';
import type { DbOrTx } from '../client.js';
import { auctions, auditLog, bids, offers, orders } from '../schema/index.js';
import { keysetBefore } from './keyset.js';

export interface OrderFilter {
  status?: OrderStatus;
  sellerId?: string;
  buyerId?: string;
  /** Orders whose last change is older than this ("stuck in paid for more than 2 days"). */
  unchangedSince?: Date;
  limit: number;
  before?: { createdAt: Date; id: string };
}

export async function listOrdersForOps(db: DbOrTx, filter: OrderFilter) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.sellerId) where.push(eq(orders.sellerId, filter.sellerId));
  if (filter.buyerId) where.push(eq(orders.buyerId, filter.buyerId));
  if (filter.unchangedSince) where.push(lt(orders.updatedAt, filter.unchangedSince));
  const after = keysetBefore(orders.createdAt, orders.id, filter.before);
  if (after) where.push(after);
  return db
    .select()
    .from(orders)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(filter.limit);
}

export interface OfferFilter extends Omit<OrderFilter, 'status'> {
  status?: OfferStatus;
  listingId?: string;
}

/** Offers across all users, newest first; `unchangedSince` as for orders (a move is a change). */
export async function listOffersForOps(db: DbOrTx, filter: OfferFilter) {
  const where: (SQL | undefined)[] = [keysetBefore(offers.createdAt, offers.id, filter.before)];
  if (filter.status) where.push(eq(offers.status, filter.status));
  if (filter.sellerId) where.push(eq(offers.sellerId, filter.sellerId));
  if (filter.buyerId) where.push(eq(offers.buyerId, filter.buyerId));
  if (filter.listingId) where.push(eq(offers.listingId, filter.listingId));
  if (filter.unchangedSince) where.push(lt(offers.updatedAt, filter.unchangedSince));
  return db
    .select()
    .from(offers)
    .where(and(...where))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(filter.limit);
}

export interface AuctionFilter extends Omit<OrderFilter, 'status'> {
  status?: AuctionStatus;
  result?: AuctionResult;
  /** Auctions this user bid on. */
  bidderId?: string;
  listingId?: string;
}

/**
 * Auctions across all users, newest first, each with `id` = its listing's (the keyset's tie-breaker).
 * `buyerId` is the winner of a sale (the buyer of its order).
 */
export async function listAuctionsForOps(db: DbOrTx, filter: AuctionFilter) {
  const where: (SQL | undefined)[] = [keysetBefore(auctions.createdAt, auctions.listingId, filter.before)];
  if (filter.status) where.push(eq(auctions.status, filter.status));
  if (filter.result) where.push(eq(auctions.result, filter.result));
  if (filter.sellerId) where.push(eq(auctions.sellerId, filter.sellerId));
  if (filter.buyerId) where.push(eq(auctions.winnerId, filter.buyerId));
  if (filter.listingId) where.push(eq(auctions.listingId, filter.listingId));
  if (filter.unchangedSince) where.push(lt(auctions.updatedAt, filter.unchangedSince));
  if (filter.bidderId)
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(bids)
          .where(and(eq(bids.listingId, auctions.listingId), eq(bids.bidderId, filter.bidderId))),
      ),
    );
  const rows = await db
    .select()
    .from(auctions)
    .where(and(...where))
    .orderBy(desc(auctions.createdAt), desc(auctions.listingId))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r, id: r.listingId }));
}

/** One row of the audit log: who did what to which subject. */
export interface AuditEntry {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export async function audit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, data: entry.data ?? {} });
}

/**
 * The audit entry of an action a subject undergoes at most once (an order's fraud-review decision),
 * written unless it is there already: a retried request, which gets the first outcome of its workflow
 * update again, audits once. Check and insert are one transaction, serialized per subject and action
 * by an advisory lock, so two retries racing each other also write one row. True when it wrote.
 */
export async function auditOnce(db: DbOrTx, entry: AuditEntry): Promise<boolean> {
  return db.transaction(async (tx) => {
    const lock = `audit:${entry.subjectType}:${entry.subjectId}:${entry.action}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lock}, 0))`);
    const [existing] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.subjectType, entry.subjectType),
          eq(auditLog.subjectId, entry.subjectId),
          eq(auditLog.action, entry.action),
        ),
      )
      .limit(1);
    if (existing) return false;
    await tx.insert(auditLog).values({ ...entry, data: entry.data ?? {} });
    return true;
  });
}

export async function auditOf(db: DbOrTx, subjectType: string, subjectId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(auditLog.id);
}
