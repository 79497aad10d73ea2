/** Rows to wire shapes: bigint minor units become JSON integers, dates RFC 3339. */
import type { ListingRow } from '../db/queries/listings.js';
import type { OrderRow } from '../db/queries/orders.js';
import type { ListingFormat } from '../domain/auction.js';
import { DomainError } from '../domain/errors.js';
import { purchaseWorkflowId } from '../domain/ids.js';
import type { Currency } from '../domain/money.js';
import type { FailureReason, OrderStatus } from '../domain/order.js';

export function listingJson(row: ListingRow) {
  return {
    id: row.id,
    sellerId: row.sellerId,
    title: row.title,
    amount: Number(row.amount),
    currency: row.currency as Currency,
    quantity: row.quantity,
    available: row.available,
    version: row.version,
    acceptOffers: row.acceptOffers,
    ...(row.autoAcceptAmount !== null && { autoAcceptAmount: Number(row.autoAcceptAmount) }),
    ...(row.autoDeclineAmount !== null && { autoDeclineAmount: Number(row.autoDeclineAmount) }),
    format: row.format as ListingFormat,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function orderJson(row: OrderRow) {
  return {
    id: row.id,
    listingId: row.listingId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    quantity: row.quantity,
    amount: Number(row.amount),
    currency: row.currency as Currency,
    status: row.status as OrderStatus,
    ...(row.failureReason && { failureReason: row.failureReason as FailureReason }),
    deadlines: row.deadlines,
    links: { self: `/v1/orders/${row.id}`, workflow: purchaseWorkflowId({ orderId: row.id }) },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Opaque keyset cursor over (createdAt, id). */
export const cursor = {
  encode: (row: { createdAt: Date; id: string }) =>
    Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url'),
  decode(value: string | undefined): { createdAt: Date; id: string } | undefined | 'invalid' {
    if (!value) return undefined;
    try {
      const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString()) as [string, string];
      const createdAt = new Date(at);
      if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string') return 'invalid';
      return { createdAt, id };
    } catch {
      return 'invalid';
    }
  },
};

/** The keyset cursor a list request asked to start after; a malformed one is the client's error. */
export function cursorAfter(value: string | undefined): { createdAt: Date; id: string } | undefined {
  const before = cursor.decode(value);
  if (before === 'invalid') throw new DomainError('validation_failed', 'invalid cursor');
  return before;
}

/** One page from `limit + 1` rows: the extra row only says whether there is a next page. */
export function pageOf<R extends { createdAt: Date; id: string }, J>(
  rows: R[],
  limit: number,
  toJson: (row: R) => J,
) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(toJson), nextCursor: rows.length > limit && last ? cursor.encode(last) : null };
}
