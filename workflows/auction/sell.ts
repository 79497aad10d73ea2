/**
 * Selling the auction's unit to one bidder: the order placed as POST /v1/orders places one (its row
 * and the stock), `order-<id>` started as an abandoned child (it outlives the auction) with the bidder's
 * payment method, and its payment outcome awaited. A failed order's own compensations give the stock
 * back before its workflow closes: the second chance waits for that close before placing its order.
 */
import { ParentClosePolicy, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import type { AuctionInput } from '../../domain/auction.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import { PURCHASE_WORKFLOW, type PurchaseInput } from '../../domain/purchase.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { activitiesOn, databaseStep, localActivities, localDatabaseStep } from '../options.js';
import type { purchaseWorkflow } from '../purchase.js';

const db = localActivities(localDatabaseStep);
/** The order's payment may wait on a bank confirmation or a fraud review: long attempts, heartbeats. */
const payment = activitiesOn({
  ...databaseStep,
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
});

export interface Sale {
  orderId: string;
  buyerId: string;
  amount: number;
  paymentMethod: string;
}

export async function sell(input: AuctionInput, sale: Sale): Promise<'paid' | 'failed'> {
  const order: PurchaseInput = {
    orderId: sale.orderId,
    listingId: input.listingId,
    buyerId: sale.buyerId,
    sellerId: input.sellerId,
    quantity: 1,
    amount: sale.amount,
    currency: input.currency,
    paymentMethod: sale.paymentMethod,
    escrow: input.escrow,
  };
  const placed = await db.placeAuctionOrder({
    id: order.orderId,
    listingId: order.listingId,
    buyerId: order.buyerId,
    sellerId: order.sellerId,
    amount: order.amount,
    currency: order.currency,
    paymentMethod: order.paymentMethod,
  });
  if (placed === 'out_of_stock') return 'failed';
  const child = await startChild<typeof purchaseWorkflow>(PURCHASE_WORKFLOW, {
    workflowId: purchaseWorkflowId(order),
    taskQueue: TASK_QUEUES.orders,
    args: [order],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    staticSummary: `Order from auction ${input.listingId}: ${order.amount} ${order.currency} minor units`,
  });
  const { status } = await payment.awaitOrderPayment({ orderId: order.orderId });
  if (status !== 'failed') return 'paid';
  await child.result();
  return 'failed';
}
