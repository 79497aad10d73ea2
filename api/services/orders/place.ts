/**
 * Placing an order: snapshot the price, write the order row and take the stock (one transaction: a
 * buyer who loses the race for the last units gets `out_of_stock` at once), end the listing's live
 * offers if that was its last unit, start `order-<id>`. When
 * asked to wait, the start is an update-with-start resolving on the payment outcome, bounded in time.
 * A start Temporal does not take fails the row (`not_started`), gives the stock back and answers
 * `upstream_unavailable` with a retry delay.
 */
import type { Logger } from 'pino';
import { declineLiveOffers } from '../../../activities/offers.js';
import { escrowTimers } from '../../../config/env.js';
import { release } from '../../../db/queries/inventory.js';
import { findListing } from '../../../db/queries/listings.js';
import { availableOf } from '../../../db/queries/offers.js';
import { placeOrderWithStock } from '../../../db/queries/order-placement.js';
import { failUnstartedOrder, findOrder, type OrderRow } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import { type Currency, multiply } from '../../../domain/money.js';
import type { PurchaseInput } from '../../../domain/purchase.js';
import type { ApiDeps } from '../../types.js';
import { orderIdFor } from './order-id.js';
import { startAndAwaitPayment, startPurchase, WorkflowNotStartedError } from './start-purchase.js';

/** How long a client is told to wait before retrying a create whose workflow did not start. */
const START_RETRY_AFTER_SECONDS = 5;

export interface PlaceOrder {
  buyerId: string;
  listingId: string;
  quantity: number;
  paymentMethod: string;
  idempotencyKey?: string;
  /** Answer once the payment outcome is known (bounded by ORDER_WAIT_PAYMENT_MS). */
  waitForPayment: boolean;
  /** The address the rate limiter counts, when it says anything (fraud screen input). */
  clientIp?: string;
}

/** The order as it stands, and whether its payment outcome is known (`paid`/`failed`) or still running. */
export interface Placed {
  order: OrderRow;
  outcome: 'known' | 'running';
}

export async function placeOrder(
  deps: ApiDeps,
  req: PlaceOrder,
  ctx: { log: Logger; onOrderId?: (orderId: string) => void },
): Promise<Placed> {
  const { db } = deps;
  const listing = await findListing(db, req.listingId);
  if (!listing) throw new DomainError('not_found', 'listing not found');
  if (listing.sellerId === req.buyerId)
    throw new DomainError('self_purchase', 'you cannot buy your own listing');
  if (listing.format === 'auction')
    throw new DomainError('invalid_state', 'an auction sells by bids: POST /v1/listings/{id}/bids');
  if (listing.available < req.quantity) {
    throw new DomainError('out_of_stock', `only ${listing.available} available`, {
      available: listing.available,
    });
  }
  const price = multiply(
    { amount: Number(listing.amount), currency: listing.currency as Currency },
    req.quantity,
  );
  const orderId = await orderIdFor(db, req.buyerId, req.idempotencyKey);
  ctx.onOrderId?.(orderId);
  const placed = await placeOrderWithStock(db, {
    id: orderId,
    listingId: listing.id,
    buyerId: req.buyerId,
    sellerId: listing.sellerId,
    quantity: req.quantity,
    amount: BigInt(price.amount),
    currency: price.currency,
    paymentMethod: req.paymentMethod,
  });
  if (placed === 'out_of_stock')
    throw new DomainError('out_of_stock', 'sold out: the last units went to other buyers', { available: 0 });
  const { order: row, stockLeft } = placed;
  // This purchase took the last unit: the listing's live offers end (declined, sold_out; holds voided).
  // Not the purchase's business to fail over: an offer left live cannot be accepted (no stock) and
  // expires with its hold voided. A retried request took nothing: the stock is read.
  if ((stockLeft ?? (await availableOf(db, row.listingId))) === 0)
    await declineLiveOffers({ db, temporal: deps.temporal, log: ctx.log }, row.listingId).catch(
      (err: unknown) =>
        ctx.log.warn({ err: String(err), listingId: row.listingId }, 'sold out: live offers not told'),
    );
  const input: PurchaseInput = {
    orderId,
    listingId: row.listingId,
    buyerId: req.buyerId,
    sellerId: row.sellerId,
    quantity: row.quantity,
    amount: Number(row.amount),
    currency: row.currency as Currency,
    paymentMethod: row.paymentMethod,
    escrow: { feeBps: deps.env.PLATFORM_FEE_BPS, timers: escrowTimers(deps.env) },
    ...(req.clientIp && { clientIp: req.clientIp }),
  };
  try {
    if (req.waitForPayment) {
      const outcome = await startAndAwaitPayment(deps, input);
      return { order: (await findOrder(db, orderId)) ?? row, outcome: outcome ? 'known' : 'running' };
    }
    await startPurchase(deps, input);
    return { order: row, outcome: 'running' };
  } catch (err) {
    if (!(err instanceof WorkflowNotStartedError)) throw err;
    // No workflow will move this order: it ends now rather than waiting `pending` forever. Should one
    // have started after all and moved it on, it is that workflow's order and the answer is as usual.
    const detail = String(err.cause);
    if ((await failUnstartedOrder(db, orderId, detail)) === 'moved_on')
      return { order: (await findOrder(db, orderId)) ?? row, outcome: 'running' };
    // Failed before any workflow: the stock its request took goes back on sale.
    await release(db, orderId);
    ctx.log.warn({ err: detail, orderId }, 'purchase workflow not started; order failed (not_started)');
    throw new DomainError(
      'upstream_unavailable',
      'the purchase could not be started; nothing is held or charged: retry with the same Idempotency-Key',
      { orderId, retryAfterSeconds: START_RETRY_AFTER_SECONDS },
    );
  }
}
