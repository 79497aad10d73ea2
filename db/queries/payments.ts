import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { payments } from '../schema/index.js';

export type PaymentKind = 'authorization' | 'capture' | 'void' | 'refund' | 'transfer';

/**
 * Records a provider effect once per idempotency key (a retried activity finds the row there);
 * true when this call inserted it.
 */
export async function recordPayment(
  db: DbOrTx,
  row: {
    id: string;
    orderId?: string;
    offerId?: string;
    kind: PaymentKind;
    idempotencyKey: string;
    providerRef: string;
    amount: number;
    currency: string;
    status: string;
  },
): Promise<boolean> {
  const [written] = await db
    .insert(payments)
    .values({ ...row, amount: BigInt(row.amount) })
    .onConflictDoUpdate({
      target: payments.idempotencyKey,
      set: { status: row.status, updatedAt: new Date() },
    })
    // xmax is 0 on a row version this statement inserted, set when it updated an existing one.
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return written?.inserted === true;
}

/** The order a payment intent was authorized for (a provider dispute names only the intent). */
export async function intentOwnerOf(db: DbOrTx, intentId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(and(eq(payments.providerRef, intentId), eq(payments.kind, 'authorization')))
    .limit(1);
  return row?.orderId ?? undefined;
}
