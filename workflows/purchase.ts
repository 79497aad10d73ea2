/**
 * purchase (`order-<orderId>`): reserve → fraud screen (review waits for an operator) → authorize →
 * capture → ledger buyer→escrow → commit reservation → paid → notify. A failure runs the compensations of the steps already done, in
 * reverse, and ends the order `failed` with a machine-readable reason.
 */
import {
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import {
  FAILURE_TYPES,
  OTHER_FAILURE_TYPES,
  PROVIDER_REFUSALS,
  reject,
  UPDATE_REJECTIONS,
} from '../domain/failures.js';
import { FRAUD_REVIEW_UPDATE, type FraudReviewDecision } from '../domain/fraud.js';
import { accounts, effectKey, escrowWorkflowId } from '../domain/ids.js';
import type { FailureReason, OrderStatus } from '../domain/order.js';
import {
  AWAIT_PAYMENT_UPDATE,
  CANCEL_PURCHASE_UPDATE,
  type CancelPurchaseAnswer,
  type CancelPurchaseUpdate,
  PAYMENT_CONFIRMATION_SIGNAL,
  type PaymentConfirmation,
  PURCHASE_STATUS_QUERY,
  type PurchaseInput,
  type PurchaseResult,
  type PurchaseStatus,
} from '../domain/purchase.js';
import { orderSearchAttributes, SA } from '../domain/search-attributes.js';
import { escrowWorkflow } from './escrow.js';
import { failureTypeOf } from './failure-type.js';
import {
  confirmationPoll,
  databaseStep,
  ledgerStep,
  localDatabaseStep,
  notificationStep,
  providerCall,
  providerCallOnOrdersQueue,
} from './options.js';

export { purchaseWorkflowId } from '../domain/ids.js';

const remoteDb = proxyActivities<Activities>(databaseStep);
const remoteLedger = proxyActivities<Activities>(ledgerStep);
const localDb = proxyLocalActivities<Activities>(localDatabaseStep);
const provider = proxyActivities<Activities>(providerCall);
const providerOnOrdersQueue = proxyActivities<Activities>(providerCallOnOrdersQueue);
const notifications = proxyActivities<Activities>(notificationStep);
const confirmations = proxyActivities<Activities>(confirmationPoll);

export const purchaseStatusQuery = defineQuery<PurchaseStatus>(PURCHASE_STATUS_QUERY);
/** Resolves once the payment outcome is known: the API's `?wait=payment` uses it with update-with-start. */
export const awaitPaymentUpdate = defineUpdate<PurchaseStatus>(AWAIT_PAYMENT_UPDATE);

/** An operator's verdict on a purchase the fraud screen held for review. */
export const fraudReviewUpdate = defineUpdate<PurchaseStatus, [FraudReviewDecision]>(FRAUD_REVIEW_UPDATE);

export const cancelPurchaseUpdate = defineUpdate<CancelPurchaseAnswer, [CancelPurchaseUpdate]>(
  CANCEL_PURCHASE_UPDATE,
);

export const paymentConfirmationSignal = defineSignal<[PaymentConfirmation]>(PAYMENT_CONFIRMATION_SIGNAL);
const CONFIRMATION_TIMEOUT_MS = 15 * 60_000;
const paymentDeclined = (message: string) => reject(FAILURE_TYPES.paymentDeclined, message);

/** The fraud screen said no (or nobody reviewed in time): compensated like any other failure. */
const fraudDenied = (message: string) => reject(FAILURE_TYPES.fraudDenied, message);

/** Maps an activity's failure type to the order's failure reason. */
function failureReasonOf(err: unknown): FailureReason {
  switch (failureTypeOf(err)) {
    case FAILURE_TYPES.outOfStock:
      return 'out_of_stock';
    case FAILURE_TYPES.listingUnavailable:
      return 'listing_unavailable';
    case FAILURE_TYPES.paymentDeclined:
      return 'payment_declined';
    case FAILURE_TYPES.fraudDenied:
      return 'fraud_denied';
    default:
      return 'capture_failed';
  }
}

export async function purchaseWorkflow(input: PurchaseInput): Promise<PurchaseResult> {
  const { orderId } = input;
  const scope = workflowInfo().workflowId;
  const state: PurchaseStatus = { orderId, status: 'pending' };
  let paymentKnown = false;
  // Short PostgreSQL and Redis steps (reserve, screen, status, ledger, commit) run as local
  // activities: the bench showed each regular one costing a task-queue round trip. Purchases started
  // before replay with the activities they ran.
  const localSteps = patched('local-database-steps');
  const db = localSteps ? localDb : remoteDb;
  const ledger = localSteps ? localDb : remoteLedger;
  // Provider calls on the workflow's own queue: the server hands them back with the workflow task
  // (eager dispatch) instead of through matching on `payments` (~50 ms each at 5/s). Earlier
  // purchases replay with the queue they used.
  const payments = patched('provider-calls-eager') ? providerOnOrdersQueue : provider;

  // Where the capture stands: the compensations and a party's cancel depend on it.
  let capture: 'not_sent' | 'sent' | 'done' = 'not_sent';
  let escrowPosted = false;
  let escrowStarted = false;
  // The steps up to `paid`: a party's cancel before the capture is sent stops them.
  const paymentSteps = new CancellationScope();

  setHandler(purchaseStatusQuery, () => state);
  setHandler(
    cancelPurchaseUpdate,
    async (): Promise<CancelPurchaseAnswer> => {
      if (!paymentKnown && capture === 'not_sent') {
        paymentSteps.cancel();
        return { outcome: 'cancelling' };
      }
      // The capture may have taken the money: the purchase finishes, then escrow refunds and restocks.
      await condition(() => escrowStarted || state.status === 'failed');
      return { outcome: state.status === 'failed' ? 'failed' : 'paid' };
    },
    {
      validator: ({ userId }) => {
        if (userId !== input.buyerId && userId !== input.sellerId)
          throw reject(UPDATE_REJECTIONS.forbidden, 'only the buyer or the seller may cancel');
      },
    },
  );
  setHandler(awaitPaymentUpdate, async () => {
    await condition(() => paymentKnown);
    return state;
  });
  let reviewDecision: FraudReviewDecision | undefined;
  let confirmation: PaymentConfirmation | undefined;
  setHandler(paymentConfirmationSignal, (signalled) => {
    confirmation ??= signalled;
  });
  setHandler(
    fraudReviewUpdate,
    (decision) => {
      reviewDecision = decision;
      return state;
    },
    {
      validator: (decision) => {
        if (state.fraud?.decision !== 'review' || state.fraud.review || reviewDecision) {
          throw reject(UPDATE_REJECTIONS.invalidState, 'this purchase is not waiting for a fraud review');
        }
        if (decision.decision !== 'allow' && decision.decision !== 'deny') {
          throw reject(UPDATE_REJECTIONS.invalid, 'decision must be allow or deny');
        }
      },
    },
  );

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
    setCurrentDetails(`**${to}**${extra.failureReason ? ` · ${extra.failureReason}` : ''}`);
  };

  upsertSearchAttributes(orderSearchAttributes(input, 'pending'));

  // Compensations of the steps done so far, run newest first on failure.
  const compensations: Array<() => Promise<void>> = [];
  try {
    await paymentSteps.run(payForOrder);
  } catch (err) {
    const failureReason = isCancellation(err) ? 'cancelled' : failureReasonOf(err);
    log.warn('purchase failed, compensating', { orderId, failureReason, steps: compensations.length });
    await CancellationScope.nonCancellable(async () => {
      // Every compensation runs: one the provider refuses is logged for reconciliation, not a reason
      // to leave the stock held and the order half-failed.
      for (const compensate of compensations) {
        await compensate().catch((compensationErr: unknown) =>
          log.error('compensation failed', { orderId, error: String(compensationErr) }),
        );
      }
      await moveTo('failed', ['pending', 'reserved', 'authorized'], { failureReason });
    });
    state.failureReason = failureReason;
    paymentKnown = true;
    // Even a cancelled purchase tells the buyer, and ends with its outcome rather than as cancelled.
    await CancellationScope.nonCancellable(() =>
      notifications.notify({
        dedupeKey: effectKey(scope, 'notify:buyer:failed'),
        userId: input.buyerId,
        type: 'order.failed',
        orderId,
        payload: { orderId, failureReason },
      }),
    );
    return { orderId, status: 'failed', failureReason };
  }

  paymentKnown = true;
  // Paid: a cancel from now on is a refund through escrow, never a cancelled child or a half-run saga.
  return await CancellationScope.nonCancellable(afterPayment);

  async function payForOrder(): Promise<void> {
    await db.reserveInventory({ orderId, listingId: input.listingId, quantity: input.quantity });
    compensations.unshift(() => db.releaseReservation({ orderId }));
    await moveTo('reserved', ['pending']);

    // Added while purchases were running: histories from before the screen replay without it.
    if (patched('fraud-screen')) await screenForFraud();

    const { intentId, status: authorization } = await payments.authorizePayment({
      idempotencyKey: effectKey(scope, 'authorize'),
      orderId,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
    });
    state.paymentIntentId = intentId;
    compensations.unshift(() => undoAuthorization(intentId));
    if (authorization === 'requires_confirmation' && patched('payment-confirmation')) {
      await awaitConfirmation(intentId);
    }
    await moveTo('authorized', ['reserved']);

    capture = 'sent';
    await payments
      .capturePayment({
        idempotencyKey: effectKey(scope, 'capture'),
        orderId,
        intentId,
        amount: input.amount,
        currency: input.currency,
      })
      .catch((err: unknown) => {
        // A refused capture is not the card's decline at authorization: the order says so.
        throw isCancellation(err) ? err : reject(OTHER_FAILURE_TYPES.captureFailed, String(err));
      });
    capture = 'done';
    compensations.unshift(() => refundCapture(intentId));
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
    escrowPosted = true;
    await db.commitReservation({ orderId });
    // A committed reservation is no longer released: a failure from here on puts the stock back.
    if (patched('restock-after-commit')) compensations.unshift(() => db.restockOrder({ orderId }));
    await moveTo('paid', ['authorized']);
  }

  /**
   * Undoes the authorization: a void, unless the capture went through. A capture we stopped waiting
   * for (cancelled in flight) may have happened at the provider, which then refuses the void: refund it.
   */
  async function undoAuthorization(intentId: string): Promise<void> {
    // A finished capture was refunded by the newer compensation; a void would only be refused.
    if (capture === 'done' && patched('no-void-after-capture')) return;
    try {
      await payments.voidAuthorization({
        idempotencyKey: effectKey(scope, 'void'),
        orderId,
        intentId,
        currency: input.currency,
      });
    } catch (err) {
      if (capture !== 'sent' || failureTypeOf(err) !== PROVIDER_REFUSALS.unexpectedIntentState) throw err;
      log.warn('the capture went through after all: refunding it', { orderId });
      await refundCapture(intentId);
    }
  }

  /** Gives the captured money back at the provider, and takes it out of escrow if it was booked there. */
  async function refundCapture(intentId: string): Promise<void> {
    await payments.refundPayment({
      idempotencyKey: effectKey(scope, 'refund'),
      orderId,
      intentId,
      amount: input.amount,
      currency: input.currency,
    });
    if (!escrowPosted || !patched('reverse-escrow-posting')) return;
    await ledger.postLedger({
      key: effectKey(scope, 'refund'),
      description: `order ${orderId}: purchase failed after capture, refunded to buyer`,
      orderId,
      lines: [
        { account: accounts.escrow(orderId), currency: input.currency, amount: String(-input.amount) },
        { account: accounts.refunds, currency: input.currency, amount: String(input.amount) },
      ],
    });
  }

  /**
   * 3-D Secure and the like: the provider's webhook (a signal) says how it ended; if it is late, a
   * status poll asks. Unconfirmed after the reservation hold (15 min) counts as declined.
   */
  async function awaitConfirmation(intentId: string): Promise<void> {
    const deadline = Date.now() + CONFIRMATION_TIMEOUT_MS;
    setCurrentDetails('**waiting for the buyer’s bank** (payment confirmation)');
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw paymentDeclined('payment confirmation timed out');
      await condition(() => confirmation?.intentId === intentId, Math.min(left, 30_000));
      const outcome =
        confirmation?.intentId === intentId
          ? confirmation
          : await confirmations.pollPaymentConfirmation({ intentId });
      if (outcome?.status === 'authorized') return;
      if (outcome?.status === 'declined') throw paymentDeclined('the buyer’s bank declined the payment');
    }
  }

  async function screenForFraud(): Promise<void> {
    const verdict = await db.screenPurchase({
      orderId,
      buyerId: input.buyerId,
      sellerId: input.sellerId,
      amount: input.amount,
      currency: input.currency,
      paymentMethod: input.paymentMethod,
      ...(input.clientIp && { clientIp: input.clientIp }),
    });
    state.fraud = verdict;
    if (verdict.decision === 'deny') throw fraudDenied(`fraud screen: ${verdict.reasons.join(', ')}`);
    if (verdict.decision === 'allow') return;

    const timeoutMs = verdict.reviewTimeoutMs ?? 24 * 3600_000;
    await db.setOrderStatus({
      orderId,
      from: ['reserved'],
      to: 'reserved',
      eventKey: effectKey(scope, 'fraud:review'),
      deadlines: { fraudReviewBy: new Date(Date.now() + timeoutMs).toISOString() },
    });
    upsertSearchAttributes([{ key: SA.OrderStatus, value: 'fraud_review' }]);
    setCurrentDetails(`**held for fraud review** · ${verdict.reasons.join(', ')}`);
    const decided = await condition(() => reviewDecision !== undefined, timeoutMs);
    state.fraud = { ...verdict, review: reviewDecision ?? 'timed_out' };
    upsertSearchAttributes([{ key: SA.OrderStatus, value: 'reserved' }]);
    if (!decided) throw fraudDenied('fraud review timed out');
    if (reviewDecision?.decision === 'deny') throw fraudDenied(`denied by ${reviewDecision.operatorId}`);
  }

  async function afterPayment(): Promise<PurchaseResult> {
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
    escrowStarted = true;
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
}
