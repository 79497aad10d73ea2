/**
 * The order's workflow (`order-<orderId>`), type `purchaseWorkflow`: reserve → fraud screen (review
 * waits for an operator) → authorize → capture → one transaction (escrow posting, reservation commit,
 * `paid`) → the escrow (workflows/escrow/) until the order's final state. A failure before `paid` runs
 * the compensations of the steps already done, in reverse, and ends the order `failed` with a
 * machine-readable reason. The parts live in workflows/purchase/.
 */
import { CancellationScope, isCancellation, log, upsertSearchAttributes } from '@temporalio/workflow';
import type { EscrowInput } from '../domain/escrow.js';
import { FAILURE_TYPES } from '../domain/failures.js';
import { escrowWorkflowId } from '../domain/ids.js';
import type { FailureReason } from '../domain/order.js';
import type { PurchaseInput, PurchaseResult, PurchaseStatus } from '../domain/purchase.js';
import { orderSearchAttributes } from '../domain/search-attributes.js';
import { EscrowContext } from './escrow/context.js';
import { handleEscrowSignals, handleEscrowUpdates } from './escrow/handlers.js';
import { runEscrow } from './escrow/run.js';
import { failureTypeOf } from './failure-type.js';
import { afterHandlers } from './handlers-finished.js';
import { PurchaseContext } from './purchase/context.js';
import { handlePurchaseMessages } from './purchase/handlers.js';
import { capturePosting, payUntilCaptured } from './purchase/payment.js';

export { purchaseWorkflowId } from '../domain/ids.js';
export {
  awaitPaymentUpdate,
  cancelPurchaseUpdate,
  fraudReviewUpdate,
  paymentConfirmationSignal,
  purchaseStatusQuery,
} from './purchase/messages.js';

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

export function purchaseWorkflow(input: PurchaseInput): Promise<PurchaseResult> {
  return afterHandlers(runOrder(input));
}

async function runOrder(input: PurchaseInput): Promise<PurchaseResult> {
  const { orderId } = input;
  const p = new PurchaseContext(input);
  const { state } = p;
  // The escrow this order runs once paid. Its updates answer from the start, refusing while the
  // order is still paying; its effect keys are `escrow-<orderId>:…`, apart from the purchase's.
  const escrow = new EscrowContext(escrowInputOf(input), escrowWorkflowId({ orderId }));
  escrow.req.stillPaying = () => state.status;
  let inEscrow = false;
  handlePurchaseMessages(p, () => (inEscrow ? { ...state, ...escrow.state } : state));
  handleEscrowUpdates(escrow.req);

  upsertSearchAttributes(orderSearchAttributes(input, 'pending'));

  try {
    await p.paymentSteps.run(async () => {
      await payUntilCaptured(p);
      // The posting, the commit and the `paid` row (the escrow's start) in one transaction.
      await p.settlePaid(capturePosting(p), escrowStart());
    });
  } catch (err) {
    return await failed(err);
  }

  p.paymentKnown = true;
  // Paid: a cancel from now on is a refund through escrow, never a half-run saga.
  return await CancellationScope.nonCancellable(async () => {
    escrow.req.stillPaying = undefined;
    handleEscrowSignals(escrow.req);
    inEscrow = true;
    p.escrowStarted = true;
    return runEscrow(escrow);
  });

  /**
   * The escrow starts with the `paid` row: its ship-by deadline, where it runs, and the parties'
   * notifications, all in the one transaction.
   */
  function escrowStart() {
    escrow.input.intentId = state.paymentIntentId!;
    escrow.deadline('shipBy', input.escrow.timers.shipByMs);
    return { deadlines: escrow.state.deadlines, escrowWorkflowId: p.scope, notify: paidNotices() };
  }

  function paidNotices() {
    const buyer = { orderId, amount: input.amount, currency: input.currency };
    const seller = { orderId, listingId: input.listingId, quantity: input.quantity };
    return [
      {
        dedupeKey: p.key('notify:buyer:paid'),
        userId: input.buyerId,
        type: 'order.paid',
        orderId,
        payload: buyer,
      },
      {
        dedupeKey: p.key('notify:seller:sold'),
        userId: input.sellerId,
        type: 'order.sold',
        orderId,
        payload: seller,
      },
    ];
  }

  async function failed(err: unknown): Promise<PurchaseResult> {
    const failureReason = isCancellation(err) ? 'cancelled' : failureReasonOf(err);
    log.warn('purchase failed, compensating', { orderId, failureReason, steps: p.saga.size });
    const notice = {
      dedupeKey: p.key('notify:buyer:failed'),
      userId: input.buyerId,
      type: 'order.failed',
      orderId,
      payload: { orderId, failureReason },
    };
    // Even a cancelled purchase tells the buyer, and ends with its outcome rather than as cancelled.
    await CancellationScope.nonCancellable(async () => {
      await p.saga.compensate(orderId);
      await p.moveTo('failed', ['pending', 'reserved', 'authorized'], { failureReason, notify: [notice] });
      state.failureReason = failureReason;
      p.paymentKnown = true;
    });
    return { orderId, status: 'failed', failureReason };
  }
}

function escrowInputOf(input: PurchaseInput): EscrowInput {
  return {
    orderId: input.orderId,
    buyerId: input.buyerId,
    sellerId: input.sellerId,
    amount: input.amount,
    currency: input.currency,
    intentId: '',
    feeBps: input.escrow.feeBps,
    timers: input.escrow.timers,
  };
}

export type { PurchaseStatus };
