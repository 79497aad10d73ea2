/** shipped, with carrier tracking: the carrier's word (webhook or poll) can confirm delivery. */
import { CancellationScope, condition, isCancellation, log } from '@temporalio/workflow';
import { DEFAULT_CARRIER_POLL_MS, deliveredEvent } from '../../domain/carrier.js';
import { carrierCalls, db, type EscrowContext } from './context.js';

/**
 * Registers the parcel with the carrier, then waits for a party's request, the carrier's delivery
 * report (signal), the auto-confirm deadline, or a poll of the carrier that finds the parcel delivered
 * (the fallback for a webhook that never came). Ends with a request set.
 */
export async function awaitDelivery(ctx: EscrowContext): Promise<void> {
  const { req, state } = ctx;
  const parcel = { carrier: state.carrier!, trackingNumber: state.trackingNumber! };
  const autoConfirmAt = Date.parse(state.deadlines.autoConfirmAt!);
  const pollMs = ctx.input.timers.carrierPollMs ?? DEFAULT_CARRIER_POLL_MS;
  const register = () =>
    unlessRequested(ctx, autoConfirmAt, 'tracker registration', () =>
      carrierCalls.registerTracker({ ...parcel, idempotencyKey: ctx.key('tracker') }),
    );
  let registered = (await register()) !== undefined;
  while (req.idle()) {
    const left = autoConfirmAt - Date.now();
    if (left <= 0) {
      req.requested = { kind: 'deadline', by: 'timer' };
      break;
    }
    if (await condition(() => !req.idle(), Math.min(pollMs, left))) break;
    if (Date.now() >= autoConfirmAt) continue;
    // A registration that failed (carrier down) is tried again before each poll.
    if (!registered) registered = (await register()) !== undefined;
    const tracking = await unlessRequested(ctx, autoConfirmAt, 'tracking poll', () =>
      carrierCalls.getTracking(parcel),
    );
    if (tracking?.status !== 'delivered') continue;
    const event = deliveredEvent(tracking);
    const occurredAt = event?.occurredAt ?? tracking.deliveredAt;
    if (req.beforeShipment(occurredAt)) continue;
    const eventId = event?.id ?? ctx.key('carrier-delivered');
    await db.recordCarrierEvent({
      id: eventId,
      ...parcel,
      status: 'delivered',
      occurredAt: occurredAt ?? new Date().toISOString(),
      orderId: ctx.orderId,
      source: 'poll',
      payload: tracking,
    });
    if (req.idle()) {
      req.requested = { kind: 'carrier', by: 'carrier:poll' };
      state.carrierEventId = eventId;
    }
  }
}

/**
 * Runs a carrier call unless a request or the deadline (epoch ms) comes first, which cancels it: an
 * order never waits on the carrier. A failed call is logged and answers undefined.
 */
async function unlessRequested<T>(
  ctx: EscrowContext,
  until: number,
  what: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  const { req } = ctx;
  if (!req.idle() || Date.now() >= until) return undefined;
  // An object, not a `let`: the callbacks below fill it while this function awaits.
  const answer: { done: boolean; value?: T } = { done: false };
  const callScope = new CancellationScope();
  const finished = callScope
    .run(call)
    .then(
      (value) => {
        answer.value = value;
      },
      (err: unknown) => {
        if (!isCancellation(err))
          log.warn(`carrier ${what} failed`, {
            orderId: ctx.orderId,
            error: String((err as Error).cause ?? err),
          });
      },
    )
    .then(() => {
      answer.done = true;
    });
  await condition(() => answer.done || !req.idle(), until - Date.now());
  if (!answer.done) {
    callScope.cancel();
    await finished;
  }
  return answer.value;
}
