/** Dispute rows are the dispute workflow's projection; every write is idempotent for activity retries. */
import { and, desc, eq, lt, ne, type SQL } from 'drizzle-orm';
import type { DisputeOutcome, DisputeReason, DisputeStatus } from '../../domain/dispute.js';
import type { DbOrTx } from '../client.js';
import { auditLog, disputeEvidence, disputes, orders } from '../schema/index.js';

export type DisputeRow = typeof disputes.$inferSelect;

export async function insertDispute(
  db: DbOrTx,
  row: { id: string; orderId: string; openedBy: string; reason: DisputeReason; description: string },
): Promise<void> {
  await db.insert(disputes).values(row).onConflictDoNothing({ target: disputes.orderId });
}

export async function findDispute(db: DbOrTx, id: string): Promise<DisputeRow | undefined> {
  const [row] = await db.select().from(disputes).where(eq(disputes.id, id));
  return row;
}

export async function setDisputeStatus(db: DbOrTx, id: string, status: DisputeStatus): Promise<void> {
  await db
    .update(disputes)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(disputes.id, id), ne(disputes.status, 'resolved')));
}

/** Evidence ids come from the workflow (dispute id + sequence), so a retried insert is a no-op. */
export async function insertEvidence(
  db: DbOrTx,
  row: { id: string; disputeId: string; authorId: string; text: string; links: string[] },
): Promise<void> {
  await db.insert(disputeEvidence).values(row).onConflictDoNothing({ target: disputeEvidence.id });
}

export async function evidenceOf(db: DbOrTx, disputeId: string) {
  return db
    .select()
    .from(disputeEvidence)
    .where(eq(disputeEvidence.disputeId, disputeId))
    .orderBy(disputeEvidence.createdAt, disputeEvidence.id);
}

/**
 * Marks the dispute resolved and, when an operator decided, writes the audit entry in the same
 * transaction. Only the first call changes anything, so a retried activity audits once.
 */
export async function resolveDispute(db: DbOrTx, id: string, outcome: DisputeOutcome): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(disputes)
      .set({
        status: 'resolved',
        outcome: outcome.outcome,
        refundAmount: BigInt(outcome.refundAmount),
        updatedAt: new Date(),
      })
      .where(and(eq(disputes.id, id), ne(disputes.status, 'resolved')))
      .returning({ id: disputes.id, orderId: disputes.orderId });
    if (!row || typeof outcome.decidedBy !== 'object') return;
    await tx.insert(auditLog).values({
      actorId: outcome.decidedBy.operatorId,
      action: 'dispute.resolve',
      subjectType: 'dispute',
      subjectId: id,
      data: {
        orderId: row.orderId,
        outcome: outcome.outcome,
        refundAmount: outcome.refundAmount,
        restock: outcome.restock,
      },
    });
  });
}

export interface DisputeFilter {
  status?: DisputeStatus;
  sellerId?: string;
  buyerId?: string;
  /** Only disputes opened before this instant ("older than"). */
  openedBefore?: Date;
  /** Parties see only disputes of their own orders. */
  partyId?: string;
  limit: number;
}

export async function listDisputes(db: DbOrTx, filter: DisputeFilter) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(disputes.status, filter.status));
  if (filter.sellerId) where.push(eq(orders.sellerId, filter.sellerId));
  if (filter.buyerId) where.push(eq(orders.buyerId, filter.buyerId));
  if (filter.openedBefore) where.push(lt(disputes.createdAt, filter.openedBefore));
  return db
    .select({ dispute: disputes, buyerId: orders.buyerId, sellerId: orders.sellerId })
    .from(disputes)
    .innerJoin(orders, eq(orders.id, disputes.orderId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(disputes.createdAt))
    .limit(filter.limit);
}
