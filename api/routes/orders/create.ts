/**
 * POST /v1/orders: snapshot the price, write the order row and take the stock (one transaction: a buyer
 * who loses the race for the last units gets 409 `out_of_stock` at once), start `order-<id>`. With `?wait=payment`
 * the start is an update-with-start whose update resolves on the payment outcome, bounded in time. A
 * start Temporal does not take fails the row (`not_started`) and answers 503 with Retry-After.
 */

import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { escrowTimers } from '../../../config/env.js';
import type { Db } from '../../../db/client.js';
import { newId } from '../../../db/new-id.js';
import { release, reserve } from '../../../db/queries/inventory.js';
import { findListing } from '../../../db/queries/listings.js';
import { failUnstartedOrder, findOrder, insertOrder } from '../../../db/queries/orders.js';
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
  .strict()
  .openapi({ example: { listingId: 'lst_01hx3v9k2m', quantity: 1, paymentMethod: 'pm_card_ok' } });

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
    503: problemResponse('The purchase could not be started (the order is failed, not_started): retry'),
  },
});

/** How long a client is told to wait before retrying a create whose workflow did not start. */
const START_RETRY_AFTER_SECONDS = 5;
/** Failed starts one Idempotency-Key may go through before the next is refused outright. */
const MAX_START_ATTEMPTS = 20;

/**
 * The same buyer and Idempotency-Key always name the same order, so a retried create cannot buy twice.
 * The one exception is an order whose workflow never started (failed, `not_started`): it took nothing,
 * and the retry the client was told to make gets the key's next order id instead of that final row.
 */
async function orderIdFor(db: Db, userId: string, idempotencyKey: string | undefined): Promise<string> {
  if (!idempotencyKey) return newId('ord');
  for (let attempt = 0; attempt < MAX_START_ATTEMPTS; attempt++) {
    const seed = attempt === 0 ? `${userId}\n${idempotencyKey}` : `${userId}\n${idempotencyKey}\n${attempt}`;
    const id = `ord_${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
    const existing = await findOrder(db, id);
    if (existing?.status !== 'failed' || existing.failureReason !== 'not_started') return id;
  }
  throw new DomainError(
    'upstream_unavailable',
    'this Idempotency-Key failed to start too often: use a new one',
  );
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
    const orderId = await orderIdFor(db, buyerId, c.req.valid('header')['idempotency-key']);
    c.set('orderId', orderId);
    const row = await db.transaction(async (tx) => {
      const placed = await insertOrder(tx, {
        id: orderId,
        listingId: listing.id,
        buyerId,
        sellerId: listing.sellerId,
        quantity: body.quantity,
        amount: BigInt(price.amount),
        currency: price.currency,
        paymentMethod: body.paymentMethod,
      });
      // The stock is taken with the order, in one transaction: a buyer who loses the race for the last
      // units hears it now (409) and no workflow runs for an order that could never be paid. The
      // purchase's reserve step then finds it done (reserved once per order); a retried request too.
      if (placed.status === 'pending') {
        const reserved = await reserve(tx, {
          reservationId: newId('res'),
          orderId,
          listingId: listing.id,
          quantity: body.quantity,
        });
        if (reserved === 'out_of_stock' || reserved === 'listing_not_found')
          throw new DomainError('out_of_stock', 'sold out: the last units went to other buyers', {
            available: 0,
          });
      }
      return placed;
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
    try {
      if (c.req.valid('query').wait === 'payment') {
        const outcome = await startAndAwaitPayment(c.var.deps, input, listing.title);
        const current = (await findOrder(db, orderId)) ?? row;
        return c.json(orderJson(current), outcome ? 201 : 202);
      }
      await startPurchase(c.var.deps, input, listing.title);
      return c.json(orderJson(row), 202);
    } catch (err) {
      if (!(err instanceof WorkflowNotStartedError)) throw err;
      // No workflow will move this order: it ends now rather than waiting `pending` forever. Should one
      // have started after all and moved it on, it is that workflow's order and the answer is as usual.
      const detail = String(err.cause);
      if ((await failUnstartedOrder(db, orderId, detail)) === 'moved_on')
        return c.json(orderJson((await findOrder(db, orderId)) ?? row), 202);
      // Failed before any workflow: the stock its request took goes back on sale.
      await release(db, orderId);
      c.var.log.warn({ err: detail, orderId }, 'purchase workflow not started; order failed (not_started)');
      throw new DomainError(
        'upstream_unavailable',
        'the purchase could not be started; nothing is held or charged: retry with the same Idempotency-Key',
        { orderId, retryAfterSeconds: START_RETRY_AFTER_SECONDS },
      );
    }
  });
}

/** Temporal did not take the purchase's start (unreachable, refused); "already started" is not this. */
class WorkflowNotStartedError extends Error {
  constructor(override readonly cause: unknown) {
    super('purchase workflow not started');
    this.name = 'WorkflowNotStartedError';
  }
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
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw new WorkflowNotStartedError(err);
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
    // The start went through and only the waiting update did not: the purchase runs, outcome unknown.
    if (err instanceof WorkflowUpdateFailedError) return undefined;
    throw new WorkflowNotStartedError(err);
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
