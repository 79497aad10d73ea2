import type { DbOrTx } from '../client.js';
import { payments } from '../schema/index.js';

export type PaymentKind = 'authorization' | 'capture' | 'void' | 'refund' | 'transfer';

/** Records a provider effect once per idempotency key (a retried activity finds the row there). */
export async function recordPayment(
  db: DbOrTx,
  row: {
    id: string;
    orderId?: string;
    kind: PaymentKind;
    idempotencyKey: string;
    providerRef: string;
    amount: number;
    currency: string;
    status: string;
  },
): Promise<void> {
  await db
    .insert(payments)
    .values({ ...row, amount: BigInt(row.amount) })
    .onConflictDoUpdate({
      target: payments.idempotencyKey,
      set: { status: row.status, updatedAt: new Date() },
    });
}
