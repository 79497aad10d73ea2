/**
 * The auction workflow's steps: its end under the auction row's lock, the winner's order placed as
 * POST /v1/orders places one, the wait for that order's payment outcome (the order's own `awaitPayment`
 * update, through the worker's Temporal client), and the outcome written with its notices.
 */
import { heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { type ClosedAuction, closeAuction, recordAuctionOutcome } from '../db/queries/auctions.js';
import { placeOrderRow } from '../db/queries/order-placement.js';
import type { AuctionOutcome } from '../domain/auction.js';
import { purchaseWorkflowId } from '../domain/ids.js';
import type { Currency } from '../domain/money.js';
import type { NotifyInput } from '../domain/notifications.js';
import type { OrderStatus } from '../domain/order.js';
import { awaitPaymentUpdate } from '../workflows/purchase/messages.js';
import type { ActivityDeps } from './deps.js';

export interface AuctionOrderInput {
  id: string;
  listingId: string;
  buyerId: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  paymentMethod: string;
}

/** The payment outcome of an order: `paid`, or `failed` (and why), as its workflow knows it. */
export async function orderPaymentOutcome(
  temporal: Client | undefined,
  orderId: string,
): Promise<{ status: OrderStatus; failureReason?: string }> {
  if (!temporal) throw new Error('waiting for an order’s payment needs a Temporal client');
  const status = await temporal.workflow
    .getHandle(purchaseWorkflowId({ orderId }))
    .executeUpdate(awaitPaymentUpdate);
  return { status: status.status, ...(status.failureReason && { failureReason: status.failureReason }) };
}

export function createAuctionActivities(deps: ActivityDeps) {
  const { db } = deps;
  return {
    async closeAuction(input: { listingId: string; at: string }): Promise<ClosedAuction> {
      return closeAuction(db, input.listingId, new Date(input.at));
    },
    /** The order row and its stock (the auction's one unit), or `out_of_stock` if still held by a failed order. */
    async placeAuctionOrder(order: AuctionOrderInput): Promise<'placed' | 'out_of_stock'> {
      const placed = await placeOrderRow(db, { ...order, quantity: 1, amount: BigInt(order.amount) });
      return placed === 'out_of_stock' ? 'out_of_stock' : 'placed';
    },
    async awaitOrderPayment(input: {
      orderId: string;
    }): Promise<{ status: OrderStatus; failureReason?: string }> {
      const beat = setInterval(() => heartbeat(), 10_000);
      try {
        return await orderPaymentOutcome(deps.temporal, input.orderId);
      } finally {
        clearInterval(beat);
      }
    },
    async recordAuctionOutcome(input: {
      listingId: string;
      outcome: AuctionOutcome;
      notify: NotifyInput[];
    }): Promise<void> {
      await recordAuctionOutcome(db, input.listingId, input.outcome, input.notify);
    },
  };
}
