/** Rows a test needs, each with fresh ids: no shared seeded data between tests. */
import type { Db } from '../../db/client.js';
import { newId } from '../../db/new-id.js';
import { createListing } from '../../db/queries/listings.js';
import { insertOrder } from '../../db/queries/orders.js';
import { ensureUser } from '../../db/queries/users.js';
import type { PurchaseInput } from '../../domain/purchase.js';
import { uniqueUser } from './stack.js';

export const DAY = 24 * 3600_000;
export const DEFAULT_TIMERS = { shipByMs: 3 * DAY, autoConfirmMs: 14 * DAY, disputeWindowMs: 3 * DAY };

/** A seller with a listing and a buyer with a pending order for it: the state right after POST /v1/orders. */
export async function pendingOrder(
  db: Db,
  options: {
    amount?: number;
    quantity?: number;
    stock?: number;
    paymentMethod?: string;
    feeBps?: number;
  } = {},
): Promise<PurchaseInput> {
  const sellerId = uniqueUser('seller');
  const buyerId = uniqueUser('buyer');
  await ensureUser(db, sellerId, 'seller');
  await ensureUser(db, buyerId, 'buyer');
  const unit = options.amount ?? 2500;
  const quantity = options.quantity ?? 1;
  const listing = await createListing(db, {
    id: newId('lst'),
    sellerId,
    title: 'Test item',
    amount: BigInt(unit),
    currency: 'EUR',
    quantity: options.stock ?? 3,
    available: options.stock ?? 3,
  });
  const orderId = newId('ord');
  const paymentMethod = options.paymentMethod ?? 'pm_card_ok';
  await insertOrder(db, {
    id: orderId,
    listingId: listing.id,
    buyerId,
    sellerId,
    quantity,
    amount: BigInt(unit * quantity),
    currency: 'EUR',
    paymentMethod,
  });
  return {
    orderId,
    listingId: listing.id,
    buyerId,
    sellerId,
    quantity,
    amount: unit * quantity,
    currency: 'EUR',
    paymentMethod,
    escrow: { feeBps: options.feeBps ?? 1000, timers: DEFAULT_TIMERS },
  };
}
