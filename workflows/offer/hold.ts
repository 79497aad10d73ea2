/**
 * The money behind an offer: a hold (an authorization) on the buyer's card for the buyer's last amount.
 * Made when the offer is made; a buyer who raises their amount (a counter, or accepting the seller's
 * counter) gets a new hold for it and the old one is voided; every ending but acceptance voids it.
 */
import { CancellationScope, log, sleep } from '@temporalio/workflow';
import { failureTypeOf } from '../failure-type.js';
import type { OfferContext } from './context.js';

/** As the purchase's: a hold the buyer's bank has not confirmed in 15 minutes counts as declined. */
const CONFIRMATION_TIMEOUT_MS = 15 * 60_000;

const holdKey = (step: 'authorize' | 'void', n: number) => (n === 1 ? step : `${step}:${n}`);

/**
 * Authorizes `amount` on the buyer's card with the step's idempotency key and makes it the offer's
 * hold, voiding the one it replaces; `declined` leaves the current hold as it was. Not cancellable: a
 * hold the provider placed must be known to be voided.
 */
export async function placeHold(o: OfferContext, amount: number): Promise<'held' | 'declined'> {
  return CancellationScope.nonCancellable(async () => {
    const n = (o.hold?.n ?? 0) + 1;
    const { input } = o;
    let intentId: string;
    try {
      const authorized = await o.payments.authorizePayment({
        idempotencyKey: o.key(holdKey('authorize', n)),
        orderId: o.orderId,
        offerId: input.offerId,
        amount,
        currency: input.currency,
        paymentMethod: input.paymentMethod,
      });
      intentId = authorized.intentId;
      if (authorized.status === 'requires_confirmation' && !(await confirmed(o, intentId))) {
        await voidHold(o, { intentId, n });
        return 'declined';
      }
    } catch (err) {
      log.warn('offer hold declined', { offerId: input.offerId, type: failureTypeOf(err) ?? String(err) });
      return 'declined';
    }
    const replaced = o.hold;
    o.hold = { intentId, amount, authorizedAt: Date.now(), n };
    if (replaced) await voidHold(o, replaced);
    return 'held';
  });
}

/** Voids the offer's hold (an ending other than acceptance). */
export async function releaseHold(o: OfferContext): Promise<void> {
  if (o.hold) await CancellationScope.nonCancellable(() => voidHold(o, o.hold!));
}

/** A void the provider refuses for good is logged for reconciliation, not a reason to stop the ending. */
async function voidHold(o: OfferContext, hold: { intentId: string; n: number }): Promise<void> {
  await o.payments
    .voidAuthorization({
      idempotencyKey: o.key(holdKey('void', hold.n)),
      orderId: o.orderId,
      offerId: o.input.offerId,
      intentId: hold.intentId,
      currency: o.input.currency,
    })
    .catch((err: unknown) =>
      log.error('offer hold not voided', {
        intentId: hold.intentId,
        type: failureTypeOf(err) ?? String(err),
      }),
    );
}

/** 3-D Secure and the like: polls the provider until the bank answers, for 15 minutes at most. */
async function confirmed(o: OfferContext, intentId: string): Promise<boolean> {
  const deadline = Date.now() + CONFIRMATION_TIMEOUT_MS;
  for (;;) {
    const outcome = await o.confirmations.pollPaymentConfirmation({ intentId });
    if (outcome) return outcome.status === 'authorized';
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await sleep(Math.min(left, 15_000));
  }
}
