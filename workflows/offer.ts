/**
 * One offer (`offer-<offerId>`), type `offerWorkflow`: hold the buyer's money → the listing's
 * thresholds (accept or decline at once) → the parties' moves in turn, each resetting the expiry →
 * accepted (an order at the agreed amount through `order-<id>`, capturing this hold), or declined,
 * withdrawn, sold out or expired with the hold voided. The parts live in workflows/offer/.
 */
import { condition, isCancellation, upsertSearchAttributes } from '@temporalio/workflow';
import type { NotifyInput } from '../domain/notifications.js';
import { autoOutcome, isLive, type OfferInput, type OfferResult } from '../domain/offer.js';
import { SA } from '../domain/search-attributes.js';
import { afterHandlers } from './handlers-finished.js';
import { accept } from './offer/accept.js';
import { OfferContext } from './offer/context.js';
import { handleOfferMessages } from './offer/handlers.js';
import { placeHold, releaseHold } from './offer/hold.js';

export { offerOrderId, offerWorkflowId } from '../domain/ids.js';
export {
  acceptOfferUpdate,
  awaitHoldUpdate,
  counterOfferUpdate,
  declineOfferUpdate,
  listingSoldOutSignal,
  offerStatusQuery,
  withdrawOfferUpdate,
} from './offer/messages.js';

export function offerWorkflow(input: OfferInput): Promise<OfferResult> {
  return afterHandlers(runOffer(input));
}

async function runOffer(input: OfferInput): Promise<OfferResult> {
  const o = new OfferContext(input);
  handleOfferMessages(o);
  upsertSearchAttributes([
    { key: SA.BuyerId, value: input.buyerId },
    { key: SA.SellerId, value: input.sellerId },
    { key: SA.AmountMinor, value: input.amount },
    { key: SA.Currency, value: input.currency },
  ]);

  if ((await placeHold(o, input.amount)) === 'declined') {
    o.end({ status: 'failed', failureReason: 'payment_declined' }, undefined);
    await o.record();
    return done(o);
  }
  o.state = { ...o.state, expiresAt: new Date(o.expiresAt()).toISOString(), version: o.state.version + 1 };
  const auto = autoOutcome(input);
  if (auto === 'decline') return declined(o, 'auto_declined');
  if (auto === 'accept') {
    o.state.turn = 'none';
    o.state.history.push({
      by: 'system',
      action: 'accept',
      amount: input.amount,
      at: o.state.history[0]!.at,
    });
    o.accepting = true;
  } else {
    // Live: the seller hears of it. A listing that sold out before this workflow ran has no stock for it.
    const available = await o.record([o.notice('seller', 'received')]);
    if (available < input.quantity) return declined(o, 'sold_out');
    o.settled = true;
  }

  try {
    for (;;) {
      if (o.accepting) return (await accept(o)) ? done(o) : await declined(o, 'sold_out');
      // A party declined or withdrew: the state says so already.
      if (!isLive(o.state.status)) return await ended(o, movedNotices(o));
      if (o.soldOut) return await declined(o, 'sold_out');
      if (o.state.version > o.recorded) {
        await o.record(movedNotices(o));
        continue;
      }
      const woken = await condition(
        () => o.accepting || o.soldOut || o.state.version > o.recorded,
        Math.max(o.expiresAt() - Date.now(), 0),
      );
      // A move raising the hold as the clock ran out finishes first: it resets the clock.
      if (!woken && o.busy) await condition(() => !o.busy);
      else if (!woken) return await expired(o);
    }
  } catch (err) {
    // Cancelled (an operator): the offer ends as if it had expired, its hold released.
    if (!isCancellation(err)) throw err;
    return await expired(o);
  }
}

/** The notices of the party's move just made: a counter or a decline, to the other party. */
function movedNotices(o: OfferContext): NotifyInput[] {
  const last = o.state.history.at(-1);
  if (last?.by !== 'buyer' && last?.by !== 'seller') return [];
  const other = last.by === 'buyer' ? 'seller' : 'buyer';
  if (last.action === 'counter') return [o.notice(other, 'countered')];
  if (last.action === 'decline') return [o.notice(other, 'declined')];
  return [];
}

function declined(o: OfferContext, reason: 'auto_declined' | 'sold_out'): Promise<OfferResult> {
  o.end({ status: 'declined', reason }, 'decline');
  return ended(o, [o.notice('buyer', 'declined')]);
}

function expired(o: OfferContext): Promise<OfferResult> {
  o.end({ status: 'expired' }, 'expire');
  return ended(o, [o.notice('buyer', 'expired'), o.notice('seller', 'expired')]);
}

/** Every ending but acceptance: the hold voided, then the final state written with its notices. */
async function ended(o: OfferContext, notices: NotifyInput[]): Promise<OfferResult> {
  await releaseHold(o);
  await o.record(notices);
  return done(o);
}

function done(o: OfferContext): OfferResult {
  o.ended = true;
  o.settled = true;
  const { offerId, status, orderId, reason, failureReason } = o.state;
  return {
    offerId,
    status,
    ...(orderId && { orderId }),
    ...(reason && { reason }),
    ...(failureReason && { failureReason }),
  };
}
