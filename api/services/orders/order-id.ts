import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client.js';
import { newId } from '../../../db/new-id.js';
import { findOrder } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import type { FailureReason } from '../../../domain/order.js';

/** Failed starts one Idempotency-Key may go through before the next is refused outright. */
const MAX_START_ATTEMPTS = 20;
/** Failure reasons of orders no workflow ever ran. */
const NEVER_RAN: readonly string[] = ['not_started', 'expired'] satisfies FailureReason[];

/**
 * The same buyer and Idempotency-Key always name the same order, so a retried create cannot buy twice.
 * The one exception is an order no workflow ever ran: failed `not_started` (Temporal refused the start)
 * or `expired` (the API stopped before the start and the stale-order sweep ended it). It took nothing,
 * and the client's retry gets the key's next order id instead of that final row.
 */
export async function orderIdFor(
  db: Db,
  userId: string,
  idempotencyKey: string | undefined,
): Promise<string> {
  if (!idempotencyKey) return newId('ord');
  for (let attempt = 0; attempt < MAX_START_ATTEMPTS; attempt++) {
    const seed = attempt === 0 ? `${userId}\n${idempotencyKey}` : `${userId}\n${idempotencyKey}\n${attempt}`;
    const id = `ord_${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
    const existing = await findOrder(db, id);
    if (existing?.status !== 'failed' || !NEVER_RAN.includes(existing.failureReason ?? '')) return id;
  }
  throw new DomainError(
    'upstream_unavailable',
    'this Idempotency-Key failed to start too often: use a new one',
  );
}
