/**
 * One seed's schedule: an order and every outside event the platform can receive about it, each at a
 * moment drawn from the seed. Moments cluster where races live: just either side of a deadline, or at
 * the very moment of another event. Pure: the same seed gives the same schedule.
 */
import type { DisputeOutcomeKind } from '../domain/dispute.js';
import type { EscrowTimers } from '../domain/escrow.js';
import type { Currency } from '../domain/money.js';
import { Rng } from './rng.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Short timers, so a whole lifecycle is a few hours of server time and few timer rounds. */
export const SIM_TIMERS: EscrowTimers & { sellerResponseMs: number; operatorSlaMs: number } = {
  shipByMs: 2 * HOUR,
  autoConfirmMs: 6 * HOUR,
  disputeWindowMs: 2 * HOUR,
  carrierPollMs: HOUR,
  sellerResponseMs: 2 * HOUR,
  operatorSlaMs: 3 * HOUR,
};

/** Activities a fault may hit: each is retried by its policy and idempotent by its key. */
export const FAULTY_ACTIVITIES = [
  'authorizePayment',
  'capturePayment',
  'voidAuthorization',
  'refundPayment',
  'settlePaid',
  'setOrderStatus',
  'postLedger',
  'restockOrder',
  'releaseReservation',
  'openDisputeRecord',
  'recordDisputeOutcome',
  'setDisputeStatus',
  'registerTracker',
  'getTracking',
  'notify',
] as const;
export type FaultyActivity = (typeof FAULTY_ACTIVITIES)[number];

export type Party = 'buyer' | 'seller';

export type SimEvent = { at: number } & (
  | { kind: 'cancelPurchase'; by: Party }
  /** A cancel that arrives while the provider is authorizing (the call is held until it is in). */
  | { kind: 'cancelDuringAuthorize'; by: Party }
  | { kind: 'fraudReview'; decision: 'allow' | 'deny' }
  | { kind: 'confirmPayment'; status: 'authorized' | 'declined' }
  | { kind: 'ship' }
  | { kind: 'confirmDelivery' }
  | { kind: 'carrierDelivered' }
  | { kind: 'cancel'; by: Party }
  | { kind: 'openDispute'; reason: 'not_received' | 'not_as_described' | 'other' }
  | { kind: 'disputeEvidence'; by: Party }
  | { kind: 'disputeAccept' }
  /**
   * An operator's decision; `last`: the catch-all after every deadline, which falls back to a refund
   * when refused (a chargeback may have left refund the only decision), as an operator would.
   */
  | { kind: 'disputeResolve'; outcome: DisputeOutcomeKind; splitBps: number; last?: true }
  /**
   * The bank takes back all that is left (`bps` 10000) or a part of it; `redeliverAfter`: the webhook
   * again; `onDecision`: the moment a dispute's decision is answered (the dispute closing), not `at`.
   */
  | { kind: 'chargeback'; bps: number; redeliverAfter?: number; onDecision?: boolean }
  | { kind: 'fault'; activity: FaultyActivity; times: number; afterEffect: boolean }
  /** The dispute's own step refused for good: the dispute workflow fails without a decision. */
  | { kind: 'disputeRefused'; activity: 'recordDisputeOutcome' | 'setDisputeStatus' }
);

export interface OrderPlan {
  seed: number;
  order: {
    amount: number;
    currency: Currency;
    paymentMethod: string;
    /** Young buyers buying big are held for review. */
    buyerAgeMs: number;
  };
  /** Server-time offsets from the order's start, sorted. */
  events: SimEvent[];
}

export function planFor(seed: number): OrderPlan {
  const rng = new Rng(seed);
  const events: SimEvent[] = [];
  const add = (event: SimEvent) => events.push({ ...event, at: Math.max(0, Math.round(event.at)) });
  /**
   * A moment near `t`: a couple of seconds either side, or somewhere in the next `spread`. Never on it:
   * `t` is often a deadline, and the Java test server refuses a workflow task that cancels a timer as
   * it fires ("invalid history builder state for action", retried forever), where a real server hands
   * the workflow the timer's firing. Its clock also runs on in real time between skips, so a deadline
   * is only known to within some milliseconds: two seconds keep clear of it.
   */
  const near = (t: number, spread: number) => {
    const clear = rng.int(2_000, 5_000);
    return rng.pick([t + clear, t - clear, t + clear + rng.int(0, spread)]);
  };

  const currency = rng.pick<Currency>(['EUR', 'EUR', 'USD', 'JPY']);
  const review = rng.chance(0.12);
  const amount = review ? rng.int(150_000, 400_000) : rng.int(100, 120_000);
  const paymentMethod = rng.pick([
    'pm_card_ok',
    'pm_card_ok',
    'pm_card_ok',
    'pm_card_ok',
    'pm_card_requires_confirmation',
    'pm_card_declined',
    'pm_card_capture_fails',
  ]);
  const order = { amount, currency, paymentMethod, buyerAgeMs: review ? MINUTE : 30 * 24 * HOUR };

  // Paying: the review, the bank's confirmation, a party's cancel (sometimes while authorizing).
  let paidAt = 0;
  if (review) {
    paidAt = rng.int(0, 30 * HOUR);
    if (rng.chance(0.85))
      add({ at: paidAt, kind: 'fraudReview', decision: rng.chance(0.8) ? 'allow' : 'deny' });
  }
  if (paymentMethod === 'pm_card_requires_confirmation') {
    const at = paidAt + rng.int(0, 90_000);
    if (rng.chance(0.6))
      add({ at, kind: 'confirmPayment', status: rng.chance(0.8) ? 'authorized' : 'declined' });
    paidAt = Math.max(paidAt, at);
  }
  // (An order held for review authorizes only after the review: its cancels are the plain kind.)
  if (!review && rng.chance(0.1))
    add({ at: 0, kind: 'cancelDuringAuthorize', by: rng.pick(['buyer', 'seller']) });
  if (rng.chance(0.12))
    add({ at: near(paidAt, 5_000), kind: 'cancelPurchase', by: rng.pick(['buyer', 'seller']) });

  // Escrow: shipment (or not, or late), delivery by the buyer, the carrier or the timer, a cancel.
  const shipBy = paidAt + SIM_TIMERS.shipByMs;
  const shipsAt = rng.chance(0.85)
    ? rng.pick([near(paidAt, HOUR), near(shipBy, 1_000), rng.int(paidAt, shipBy)])
    : undefined;
  if (shipsAt !== undefined) add({ at: shipsAt, kind: 'ship' });
  if (rng.chance(0.15))
    add({
      at: rng.pick([near(shipBy, 1_000), near(shipsAt ?? paidAt, 500), rng.int(paidAt, shipBy)]),
      kind: 'cancel',
      by: rng.pick(['buyer', 'seller']),
    });
  const shipped = shipsAt ?? paidAt;
  const autoConfirm = shipped + SIM_TIMERS.autoConfirmMs;
  let deliveredAt = autoConfirm;
  if (rng.chance(0.5)) {
    deliveredAt = rng.pick([near(shipped, HOUR), near(autoConfirm, 1_000), rng.int(shipped, autoConfirm)]);
    add({ at: deliveredAt, kind: 'confirmDelivery' });
  }
  if (rng.chance(0.35))
    add({
      at: rng.pick([near(shipped, 500), near(deliveredAt, 1_000), rng.int(shipped, autoConfirm)]),
      kind: 'carrierDelivered',
    });
  const windowEnds = deliveredAt + SIM_TIMERS.disputeWindowMs;

  // Disputes: opened by the buyer (near a deadline, or any time), answered by the seller or an operator.
  let disputedAt: number | undefined;
  if (rng.chance(0.35)) {
    disputedAt = rng.pick([
      near(shipped, 1_000),
      near(deliveredAt, 1_000),
      near(windowEnds, 1_000),
      rng.int(shipped, windowEnds),
    ]);
    add({
      at: disputedAt,
      kind: 'openDispute',
      reason: rng.pick(['not_received', 'not_as_described', 'other']),
    });
  }

  // Chargebacks: all or part, at any moment, near another event, or after everything closed.
  if (rng.chance(0.35)) {
    const others = events.map((e) => e.at);
    const other = rng.pick(others.length ? others : [1]);
    const at = rng.pick([
      other,
      near(other, 1_000),
      near(disputedAt ?? shipped, 1_000),
      near(windowEnds, 1_000),
      rng.int(0, windowEnds + 4 * HOUR),
      windowEnds + rng.int(HOUR, 10 * HOUR),
    ]);
    add({
      at,
      kind: 'chargeback',
      bps: rng.chance(0.5) ? 10_000 : rng.int(1, 9_999),
      ...(rng.chance(0.3) && { redeliverAfter: rng.pick([0, 1, rng.int(1, 2 * HOUR)]) }),
      ...(disputedAt !== undefined && rng.chance(0.3) && { onDecision: true }),
    });
  }

  // The dispute's side: evidence, the seller accepting, an operator deciding (always, in the end, so
  // every dispute closes: the last decision falls back to a refund when refused), each near the dispute's own deadlines or another event.
  const disputeFrom = Math.min(
    disputedAt ?? Number.POSITIVE_INFINITY,
    events.find((e) => e.kind === 'chargeback')?.at ?? Number.POSITIVE_INFINITY,
  );
  if (Number.isFinite(disputeFrom)) {
    const sellerBy = disputeFrom + SIM_TIMERS.sellerResponseMs;
    if (rng.chance(0.4))
      add({
        at: rng.pick([near(disputeFrom, 1_000), rng.int(disputeFrom, sellerBy)]),
        kind: 'disputeEvidence',
        by: rng.pick(['buyer', 'seller']),
      });
    if (rng.chance(0.2))
      add({ at: rng.pick([near(sellerBy, 1_000), rng.int(disputeFrom, sellerBy)]), kind: 'disputeAccept' });
    const resolves = rng.pick([
      near(sellerBy, 1_000),
      rng.int(disputeFrom, sellerBy + SIM_TIMERS.operatorSlaMs),
      sellerBy + SIM_TIMERS.operatorSlaMs + rng.int(0, HOUR),
    ]);
    add({
      at: resolves,
      kind: 'disputeResolve',
      outcome: rng.pick(['refund', 'release', 'split']),
      splitBps: rng.int(1, 9_999),
    });
    if (rng.chance(0.1))
      add({
        at: disputeFrom,
        kind: 'disputeRefused',
        activity: rng.pick(['recordDisputeOutcome', 'setDisputeStatus']),
      });
    add({
      at: sellerBy + SIM_TIMERS.operatorSlaMs + 2 * HOUR,
      kind: 'disputeResolve',
      outcome: rng.pick(['refund', 'release', 'split']),
      splitBps: rng.int(1, 9_999),
      last: true,
    });
  }

  // Provider and database trouble: calls that fail (retried) or lose their answer after the effect.
  for (let i = rng.int(0, 3); i > 0; i--) {
    add({
      at: rng.pick([0, near(shipped, 1_000), near(deliveredAt, 1_000), rng.int(0, windowEnds)]),
      kind: 'fault',
      activity: rng.pick(FAULTY_ACTIVITIES),
      times: rng.int(1, 3),
      afterEffect: rng.chance(0.4),
    });
  }

  events.sort((a, b) => a.at - b.at);
  return { seed, order, events };
}

/** The schedule as lines to print for a failing seed. */
export function describePlan(plan: OrderPlan): string {
  const { order } = plan;
  return [
    `seed ${plan.seed}: ${order.amount} ${order.currency} by ${order.paymentMethod}${order.buyerAgeMs < HOUR ? ', new buyer (review)' : ''}`,
    ...plan.events.map(
      ({ at, kind, ...rest }) =>
        `  +${formatMs(at)} ${kind} ${Object.keys(rest).length ? JSON.stringify(rest) : ''}`,
    ),
  ].join('\n');
}

function formatMs(ms: number): string {
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const s = ((ms % MINUTE) / 1000).toFixed(3);
  return `${h}h${String(m).padStart(2, '0')}m${s.padStart(6, '0')}s`;
}
