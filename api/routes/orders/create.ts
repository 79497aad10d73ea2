/**
 * POST /v1/orders: snapshot the price, write the order row, start `order-<id>`. With `?wait=payment`
 * the start is an update-with-start whose update resolves on the payment outcome, bounded in time.
 */

import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { escrowTimers } from '../../../config/env.js';
import { newId } from '../../../db/new-id.js';
import { findListing } from '../../../db/queries/listings.js';
import { findOrder, insertOrder } from '../../../db/queries/orders.js';
import { DomainError } from '../../../domain/errors.js';
import { purchaseWorkflowId } from '../../../domain/ids.js';
import type { Currency } from '../../../domain/money.js';
import { multiply } from '../../../domain/money.js';
import {
  AWAIT_PAYMENT_UPDATE,
  PURCHASE_WORKFLOW,
  type PurchaseInput,
  type PurchaseStatus,
} from '../../../domain/purchase.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import type { purchaseWorkflow } from '../../../workflows/purchase.js';
import { buyerAddress } from '../../middleware/client-ip.js';
import { Id, IdempotencyHeader, Order, problemResponse } from '../../schemas.js';
import { orderJson } from '../../serializers.js';
import type { ApiDeps, App } from '../../types.js';

export const CreateOrderBody = z
  .object({
    listingId: Id,
    quantity: z.number().int().min(1).max(100),
    paymentMethod: z
      .string()
      .regex(/^pm_[A-Za-z0-9_]{1,64}$/, 'a provider payment-method token such as pm_card_ok'),
  })
  .strict();

const route = createRoute({
  method: 'post',
  path: '/v1/orders',
  tags: ['orders'],
  summary: 'Buy a listing',
  request: {
    headers: IdempotencyHeader,
    query: z.object({ wait: z.enum(['payment']).optional() }),
    body: { content: { 'application/json': { schema: CreateOrderBody } }, required: true },
  },
  responses: {
    201: {
      description: 'Payment outcome known (with wait=payment)',
      content: { 'application/json': { schema: Order } },
    },
    202: { description: 'Accepted: the purchase runs', content: { 'application/json': { schema: Order } } },
    404: problemResponse('No such listing'),
    409: problemResponse('Out of stock'),
    422: problemResponse('Own listing'),
  },
});

/** The same buyer and Idempotency-Key always name the same order, so a retried create cannot buy twice. */
function orderIdFor(userId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return newId('ord');
  return `ord_${createHash('sha256').update(`${userId}\n${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

export function registerCreateOrder(app: App): void {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.var.deps;
    const buyerId = c.var.user.id;
    const listing = await findListing(db, body.listingId);
    if (!listing) throw new DomainError('not_found', 'listing not found');
    if (listing.sellerId === buyerId)
      throw new DomainError('self_purchase', 'you cannot buy your own listing');
    if (listing.available < body.quantity) {
      throw new DomainError('out_of_stock', `only ${listing.available} available`, {
        available: listing.available,
      });
    }
    const price = multiply(
      { amount: Number(listing.amount), currency: listing.currency as Currency },
      body.quantity,
    );
    const orderId = orderIdFor(buyerId, c.req.valid('header')['idempotency-key']);
    c.set('orderId', orderId);
    const row = await insertOrder(db, {
      id: orderId,
      listingId: listing.id,
      buyerId,
      sellerId: listing.sellerId,
      quantity: body.quantity,
      amount: BigInt(price.amount),
      currency: price.currency,
      paymentMethod: body.paymentMethod,
    });
    // The address the rate limiter counts (TRUSTED_PROXY_HOPS honoured), when it says anything.
    const clientIp = buyerAddress(c.var.clientIp);
    const input: PurchaseInput = {
      orderId,
      listingId: row.listingId,
      buyerId,
      sellerId: row.sellerId,
      quantity: row.quantity,
      amount: Number(row.amount),
      currency: row.currency as Currency,
      paymentMethod: row.paymentMethod,
      escrow: { feeBps: c.var.deps.env.PLATFORM_FEE_BPS, timers: escrowTimers(c.var.deps.env) },
      ...(clientIp && { clientIp }),
    };
    if (c.req.valid('query').wait === 'payment') {
      const outcome = await startAndAwaitPayment(c.var.deps, input, listing.title);
      const current = (await findOrder(db, orderId)) ?? row;
      return c.json(orderJson(current), outcome ? 201 : 202);
    }
    await startPurchase(c.var.deps, input, listing.title);
    return c.json(orderJson(row), 202);
  });
}

function startOptions(deps: ApiDeps, input: PurchaseInput, title: string) {
  return {
    workflowId: purchaseWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input] as [PurchaseInput],
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    staticSummary: `Purchase of ${input.quantity} × "${title.slice(0, 60)}" for ${input.amount} ${input.currency} minor units`,
    staticDetails: `buyer ${input.buyerId} · seller ${input.sellerId} · listing ${input.listingId}`,
    namespace: deps.env.TEMPORAL_NAMESPACE,
  };
}

/** Starts the purchase; "already started" (a retried request) is success. */
async function startPurchase(deps: ApiDeps, input: PurchaseInput, title: string): Promise<void> {
  const { namespace: _ns, ...options } = startOptions(deps, input, title);
  try {
    await deps.temporal.workflow.start<typeof purchaseWorkflow>(PURCHASE_WORKFLOW, options);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Update-with-start; resolves with the payment outcome, or undefined when it takes longer than the bound. */
async function startAndAwaitPayment(
  deps: ApiDeps,
  input: PurchaseInput,
  title: string,
): Promise<PurchaseStatus | undefined> {
  const { namespace: _ns, ...options } = startOptions(deps, input, title);
  let handle: WorkflowUpdateHandle<PurchaseStatus>;
  try {
    handle = await deps.temporal.workflow.startUpdateWithStart<typeof purchaseWorkflow, PurchaseStatus, []>(
      AWAIT_PAYMENT_UPDATE,
      {
        startWorkflowOperation: new WithStartWorkflowOperation<typeof purchaseWorkflow>(
          PURCHASE_WORKFLOW,
          options,
        ),
        waitForStage: 'ACCEPTED',
      },
    );
  } catch (err) {
    // The purchase already finished (a retried request): its row holds the outcome.
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      return { orderId: input.orderId, status: 'paid' };
    throw err;
  }
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), deps.env.ORDER_WAIT_PAYMENT_MS);
  });
  const result = handle.result().catch(() => undefined);
  try {
    return await Promise.race([result, bound]);
  } finally {
    clearTimeout(timer);
  }
}
