/**
 * purchase (`order-<orderId>`): reserve → authorize → capture → ledger buyer→escrow → commit
 * reservation → paid → notify. A failure runs the compensations of the steps already done, in
 * reverse, and ends the order `failed` with a machine-readable reason.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  defineQuery,
  defineUpdate,
  isCancellation,
  log,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { FAILURE_TYPES } from '../domain/errors.js';
import { accounts, effectKey, escrowWorkflowId } from '../domain/ids.js';
import type { FailureReason, OrderStatus } from '../domain/order.js';
import {
  AWAIT_PAYMENT_UPDATE,
  PURCHASE_STATUS_QUERY,
  type PurchaseInput,
  type PurchaseResult,
  type PurchaseStatus,
} from '../domain/purchase.js';
import { orderSearchAttributes, SA } from '../domain/search-attributes.js';
import { escrowWorkflow } from './escrow.js';
import { databaseStep, ledgerStep, notificationStep, providerCall } from './options.js';

export { purchaseWorkflowId } from '../domain/ids.js';

const db = proxyActivities<Activities>(databaseStep);
const ledger = proxyActivities<Activities>(ledgerStep);
const provider = proxyActivities<Activities>(providerCall);
const notifications = proxyActivities<Activities>(notificationStep);

export const purchaseStatusQuery = defineQuery<PurchaseStatus>(PURCHASE_STATUS_QUERY);
/** Resolves once the payment outcome is known: the API's `?wait=payment` uses it with update-with-start. */
export const awaitPaymentUpdate = defineUpdate<PurchaseStatus>(AWAIT_PAYMENT_UPDATE);

/** Maps an activity's failure type to the order's failure reason. */
function failureReasonOf(err: unknown): FailureReason {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  const type = cause instanceof ApplicationFailure ? cause.type : undefined;
  switch (type) {
    case FAILURE_TYPES.outOfStock:
      return 'out_of_stock';
    case FAILURE_TYPES.listingUnavailable:
      return 'listing_unavailable';
    case FAILURE_TYPES.paymentDeclined:
      return 'payment_declined';
    default:
      return 'capture_failed';
  }
}

export async function purchaseWorkflow(input: PurchaseInput): Promise<PurchaseResult> {
  const { orderId } = input;
  const scope = workflowInfo().workflowId;
  const state: PurchaseStatus = { orderId, status: 'pending' };
  let paymentKnown = false;

  setHandler(purchaseStatusQuery, () => state);
  setHandler(awaitPaymentUpdate, async () => {
    await condition(() => paymentKnown);
    return state;
  });

  const moveTo = async (
    to: OrderStatus,
    from: OrderStatus[],
    extra: { failureReason?: FailureReason } = {},
  ) => {
    await db.setOrderStatus({
      orderId,
      from,
      to,
      eventKey: effectKey(scope, `status:${to}`),
      ...extra,
      ...(state.paymentIntentId && { paymentIntentId: state.paymentIntentId }),
    });
    state.status = to;
    upsertSearchAttributes([{ key: SA.OrderStatus, value: to }]);
  };

  upsertSearchAttributes(orderSearchAttributes(input, 'pending'));

  // Compensations of the steps done so far, run newest first on failure.
  const compensations: Array<() => Promise<void>> = [];
  try {
    await db.reserveInventory({ orderId, listingId: input.listingId, quantity: input.quantity });
    compensations.unshift(() => db.releaseReservation({ orderId }));
    await moveTo('reserved', ['pending']);

    const { intentId } = await provider.authorizePayment({
      idempotencyKey: effectKey(scope, 'authorize'),
      orderId,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
    });
    state.paymentIntentId = intentId;
    compensations.unshift(() =>
      provider.voidAuthorization({
        idempotencyKey: effectKey(scope, 'void'),
        orderId,
        intentId,
        currency: input.currency,
      }),
    );
    await moveTo('authorized', ['reserved']);

    await provider.capturePayment({
      idempotencyKey: effectKey(scope, 'capture'),
      orderId,
      intentId,
      amount: input.amount,
      currency: input.currency,
    });
    compensations.unshift(() =>
      provider.refundPayment({
        idempotencyKey: effectKey(scope, 'refund'),
        orderId,
        intentId,
        amount: input.amount,
        currency: input.currency,
      }),
    );
    await ledger.postLedger({
      key: effectKey(scope, 'capture'),
      description: `order ${orderId}: payment captured into escrow`,
      orderId,
      lines: [
        {
          account: accounts.buyerFunding(input.currency),
          currency: input.currency,
          amount: String(-input.amount),
        },
        { account: accounts.escrow(orderId), currency: input.currency, amount: String(input.amount) },
      ],
    });
    await db.commitReservation({ orderId });
    await moveTo('paid', ['authorized']);
  } catch (err) {
    const failureReason = isCancellation(err) ? 'cancelled' : failureReasonOf(err);
    log.warn('purchase failed, compensating', { orderId, failureReason, steps: compensations.length });
    await CancellationScope.nonCancellable(async () => {
      for (const compensate of compensations) await compensate();
      await moveTo('failed', ['pending', 'reserved', 'authorized'], { failureReason });
    });
    state.failureReason = failureReason;
    paymentKnown = true;
    await notifications.notify({
      dedupeKey: effectKey(scope, 'notify:buyer:failed'),
      userId: input.buyerId,
      type: 'order.failed',
      orderId,
      payload: { orderId, failureReason },
    });
    return { orderId, status: 'failed', failureReason };
  }

  paymentKnown = true;
  // Escrow outlives the purchase: abandoned on close, it runs its own timers to a final state.
  await startChild(escrowWorkflow, {
    workflowId: escrowWorkflowId({ orderId }),
    args: [
      {
        orderId,
        buyerId: input.buyerId,
        sellerId: input.sellerId,
        amount: input.amount,
        currency: input.currency,
        intentId: state.paymentIntentId!,
        feeBps: input.escrow.feeBps,
        timers: input.escrow.timers,
      },
    ],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: orderSearchAttributes(input, 'paid'),
    staticSummary: `Escrow of ${input.amount} ${input.currency} minor units for order ${orderId}`,
  });
  await Promise.all([
    notifications.notify({
      dedupeKey: effectKey(scope, 'notify:buyer:paid'),
      userId: input.buyerId,
      type: 'order.paid',
      orderId,
      payload: { orderId, amount: input.amount, currency: input.currency },
    }),
    notifications.notify({
      dedupeKey: effectKey(scope, 'notify:seller:sold'),
      userId: input.sellerId,
      type: 'order.sold',
      orderId,
      payload: { orderId, listingId: input.listingId, quantity: input.quantity },
    }),
  ]);
  return { orderId, status: 'paid' };
}
