/** Operator views: orders across all users, filtered by status, party and age. */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { OrderStatus } from '../../domain/order.js';
import type { DbOrTx } from '../client.js';
import { auditLog, orders } from '../schema/index.js';
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

export async function audit(
  db: DbOrTx,
  entry: {
    actorId: string;
    action: string;
    subjectType: string;
    subjectId: string;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({ ...entry, data: entry.data ?? {} });
}

export async function auditOf(db: DbOrTx, subjectType: string, subjectId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(auditLog.id);
}
