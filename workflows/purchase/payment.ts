/**
 * The purchase's steps up to the capture: reserve → fraud screen → authorize (→ the bank's
 * confirmation), or an accepted offer's hold → capture. Each done step leaves its compensation.
 */
import {
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  setCurrentDetails,
} from '@temporalio/workflow';
import { FAILURE_TYPES, OTHER_FAILURE_TYPES, PROVIDER_REFUSALS, reject } from '../../domain/failures.js';
import { captureLines } from '../../domain/ledger.js';
import { failureTypeOf } from '../failure-type.js';
import { confirmations, type PurchaseContext } from './context.js';
import { actOnVerdict, screenForFraud } from './fraud.js';
import { PURCHASE_PATCHES } from './patches.js';

const CONFIRMATION_TIMEOUT_MS = 15 * 60_000;
const paymentDeclined = (message: string) => reject(FAILURE_TYPES.paymentDeclined, message);

/** Runs the steps until the money is captured (its refund the newest compensation). */
export async function payUntilCaptured(p: PurchaseContext): Promise<void> {
  const { input, orderId, db, saga } = p;
  if (patched(PURCHASE_PATCHES.admitInOneStep)) {
    // The API took the stock with the order row: its release is owed before the first step answers,
    // or a cancel while that step runs would fail the order with its stock still held.
    saga.add(() => db.releaseReservation({ orderId }));
    await actOnVerdict(p, await p.admit());
  } else {
    await db.reserveInventory({ orderId, listingId: input.listingId, quantity: input.quantity });
    saga.add(() => db.releaseReservation({ orderId }));
    await p.moveTo('reserved', ['pending']);
    await screenForFraud(p);
  }

  const { intentId, moved } = await authorize(p);
  if (!moved) await p.moveTo('authorized', ['reserved']);

  p.capture = 'sent';
  await p.payments
    .capturePayment({
      idempotencyKey: p.key('capture'),
      orderId,
      intentId,
      amount: input.amount,
      currency: input.currency,
    })
    .catch((err: unknown) => {
      // A refused capture is not the card's decline at authorization: the order says so.
      throw isCancellation(err) ? err : reject(OTHER_FAILURE_TYPES.captureFailed, String(err));
    });
  p.capture = 'done';
  saga.add(() => refundCapture(p, intentId));
}

/**
 * The hold on the buyer's card, its void the newest compensation: authorized now, or the one an
 * accepted offer placed (`preauthorized`, captured as it is: no second authorization). `moved`: the
 * order is `authorized` already (moved with the hold, in one activity).
 */
async function authorize(p: PurchaseContext): Promise<{ intentId: string; moved: boolean }> {
  const { input, orderId, saga, state } = p;
  if (input.preauthorized) {
    const { intentId } = input.preauthorized;
    state.paymentIntentId = intentId;
    saga.add(() => undoAuthorization(p, intentId));
    return { intentId, moved: false };
  }
  const authorizeInput = {
    idempotencyKey: p.key('authorize'),
    orderId,
    amount: input.amount,
    currency: input.currency,
    paymentMethod: input.paymentMethod,
  };
  // Not cut short by a party's cancel: the provider may authorize anyway, and the hold must be known
  // to be voided. The cancel takes effect at the next step, with the void as compensation.
  if (patched(PURCHASE_PATCHES.authorizedWithTheHold)) {
    const hold = await CancellationScope.nonCancellable(() =>
      p.payments.authorizeOrder({ authorize: authorizeInput, authorized: p.authorizedMove() }),
    );
    state.paymentIntentId = hold.intentId;
    saga.add(() => undoAuthorization(p, hold.intentId));
    if (hold.refused) throw reject(OTHER_FAILURE_TYPES.invalidTransition, hold.refused);
    if (hold.moved) p.movedTo('authorized');
    else if (hold.status === 'requires_confirmation') await awaitConfirmation(p, hold.intentId);
    return { intentId: hold.intentId, moved: hold.moved };
  }
  const { intentId, status: authorization } = await CancellationScope.nonCancellable(() =>
    p.payments.authorizePayment(authorizeInput),
  );
  state.paymentIntentId = intentId;
  saga.add(() => undoAuthorization(p, intentId));
  if (authorization === 'requires_confirmation') await awaitConfirmation(p, intentId);
  return { intentId, moved: false };
}

/** The capture's escrow posting, booked with the `paid` row in one transaction. */
export function capturePosting(p: PurchaseContext) {
  return {
    key: p.key('capture'),
    description: `order ${p.orderId}: payment captured into escrow`,
    orderId: p.orderId,
    lines: captureLines(p.input),
  };
}

/**
 * Undoes the authorization: a void, unless the capture went through. A capture we stopped waiting
 * for (cancelled in flight) may have happened at the provider, which then refuses the void: refund it.
 */
async function undoAuthorization(p: PurchaseContext, intentId: string): Promise<void> {
  // A finished capture was refunded by the newer compensation; a void would only be refused.
  if (p.capture === 'done') return;
  try {
    await p.payments.voidAuthorization({
      idempotencyKey: p.key('void'),
      orderId: p.orderId,
      intentId,
      currency: p.input.currency,
    });
  } catch (err) {
    if (p.capture !== 'sent' || failureTypeOf(err) !== PROVIDER_REFUSALS.unexpectedIntentState) throw err;
    log.warn('the capture went through after all: refunding it', { orderId: p.orderId });
    await refundCapture(p, intentId);
  }
}

/**
 * Gives the captured money back at the provider. Nothing was booked into escrow yet: the posting
 * comes with the `paid` row, in the transaction after which nothing fails.
 */
async function refundCapture(p: PurchaseContext, intentId: string): Promise<void> {
  const { input, orderId } = p;
  await p.payments.refundPayment({
    idempotencyKey: p.key('refund'),
    orderId,
    intentId,
    amount: input.amount,
    currency: input.currency,
  });
}

/**
 * 3-D Secure and the like: the provider's webhook (a signal) says how it ended; if it is late, a
 * status poll asks. Unconfirmed after the reservation hold (15 min) counts as declined.
 */
async function awaitConfirmation(p: PurchaseContext, intentId: string): Promise<void> {
  const deadline = Date.now() + CONFIRMATION_TIMEOUT_MS;
  setCurrentDetails('**waiting for the buyer’s bank** (payment confirmation)');
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw paymentDeclined('payment confirmation timed out');
    await condition(() => p.confirmation?.intentId === intentId, Math.min(left, 30_000));
    const outcome =
      p.confirmation?.intentId === intentId
        ? p.confirmation
        : await confirmations.pollPaymentConfirmation({ intentId });
    if (outcome?.status === 'authorized') return;
    if (outcome?.status === 'declined') throw paymentDeclined('the buyer’s bank declined the payment');
  }
}
