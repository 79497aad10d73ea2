/**
 * escrow (`escrow-<orderId>`): holds the buyer's money until delivery is confirmed (or a timer
 * confirms it), then releases it to the seller minus the platform fee. Parties act through validated
 * updates; the carrier's delivery report (webhook signal or poll) confirms delivery like the buyer;
 * timers guarantee progress when a party goes silent.
 */
import {
  CancellationScope,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import {
  CARRIER_DELIVERED_SIGNAL,
  type CarrierDeliveredSignal,
  DEFAULT_CARRIER_POLL_MS,
  deliveredEvent,
} from '../domain/carrier.js';
import { lateChargebackLines } from '../domain/chargeback.js';
import {
  chargebackOutcome,
  DEFAULT_DISPUTE_TIMERS,
  type DisputeOutcome,
  type DisputeReason,
  disputeIdFor,
  FINAL_STATUS_OF,
} from '../domain/dispute.js';
import {
  type ActorUpdate,
  CHARGEBACK_SIGNAL,
  type ChargebackSignal,
  ESCROW_STATUS_QUERY,
  ESCROW_UPDATES,
  type EscrowInput,
  type EscrowState,
  type EscrowStatus,
  type OpenDisputeUpdate,
  type ShipUpdate,
} from '../domain/escrow.js';
import { PROVIDER_REFUSALS, reject, UPDATE_REJECTIONS } from '../domain/failures.js';
import { accounts, disputeWorkflowId, effectKey } from '../domain/ids.js';
import { feeFor } from '../domain/money.js';
import { isFinal, type OrderStatus } from '../domain/order.js';
import { orderSearchAttributes, SA } from '../domain/search-attributes.js';
import { disputeChargebackSignal, disputeWorkflow } from './dispute.js';
import { failureTypeOf } from './failure-type.js';
import { partiesNotifier } from './notify.js';
import { carrierCall, databaseStep, ledgerStep, notificationStep, providerCall } from './options.js';

export { escrowWorkflowId } from '../domain/ids.js';

const db = proxyActivities<Activities>(databaseStep);
const ledger = proxyActivities<Activities>(ledgerStep);
const provider = proxyActivities<Activities>(providerCall);
const _notifications = proxyActivities<Activities>(notificationStep);
const carrierCalls = proxyActivities<Activities>(carrierCall);

export const escrowStatusQuery = defineQuery<EscrowState>(ESCROW_STATUS_QUERY);
export const shipUpdate = defineUpdate<EscrowState, [ShipUpdate]>(ESCROW_UPDATES.ship);
export const confirmDeliveryUpdate = defineUpdate<EscrowState, [ActorUpdate]>(ESCROW_UPDATES.confirmDelivery);
export const cancelUpdate = defineUpdate<EscrowState, [ActorUpdate]>(ESCROW_UPDATES.cancel);
export const openDisputeUpdate = defineUpdate<EscrowState, [OpenDisputeUpdate]>(ESCROW_UPDATES.openDispute);
export const chargebackSignal = defineSignal<[ChargebackSignal]>(CHARGEBACK_SIGNAL);
export const carrierDeliveredSignal = defineSignal<[CarrierDeliveredSignal]>(CARRIER_DELIVERED_SIGNAL);

export async function escrowWorkflow(input: EscrowInput): Promise<EscrowState> {
  const { orderId, timers } = input;
  const scope = workflowInfo().workflowId;
  const state: EscrowState = { orderId, status: 'paid', deadlines: {} };
  // What a party asked for; the main loop acts on it so every effect runs in workflow order.
  // A deadline that fired counts as a request too, so updates arriving while it is acted on (refund,
  // delivery, release) are refused instead of being accepted and then lost.
  let requested:
    | { kind: 'ship' | 'confirm' | 'cancel' | 'dispute' | 'deadline' | 'carrier'; by: string }
    | undefined;
  const awaitRequest = async (timeoutMs: number) => {
    const acted = await condition(() => requested !== undefined, timeoutMs);
    if (!acted) requested = { kind: 'deadline', by: 'timer' };
    return acted;
  };
  let disputeRequest: { by: string; reason: DisputeReason; description: string } | undefined;
  // The cardholder's bank took the payment back (the provider's webhook, or its refusal of a refund).
  // Kept apart from `requested`: it must survive whatever is under way when it comes.
  let chargeback: ChargebackSignal | undefined;
  // The money the seller was given back out of a chargeback that came after the release.
  let chargebackRecovered = false;
  const requestChargebackDispute = ({ providerEventId, reason }: ChargebackSignal) => {
    requested = { kind: 'dispute', by: 'provider' };
    disputeRequest = {
      by: 'provider',
      reason: 'chargeback',
      description: `chargeback ${providerEventId}${reason ? `: ${reason}` : ''}`,
    };
  };
  /** A chargeback that came while something else was acted on becomes the dispute it opens. */
  const disputeChargebackIfPending = () => {
    if (!chargeback || disputeRequest || requested?.kind === 'dispute') return false;
    if (!patched('chargeback-after-status-change')) return false;
    requestChargebackDispute(chargeback);
    return true;
  };
  // When the order became `shipped`: a carrier delivery dated earlier is another shipment's (a reused
  // or recycled tracking number), never this one's.
  let shippedAt: number | undefined;
  const beforeShipment = (occurredAt: string | undefined) =>
    shippedAt === undefined || (occurredAt !== undefined && Date.parse(occurredAt) < shippedAt);

  const requireParty = (userId: string, allowed: Array<'buyer' | 'seller'>) => {
    // A final order takes nothing from anyone, as once the workflow has closed (the API's 409): the
    // workflow may still be open for its last notifications.
    if (isFinal(state.status)) throw reject(UPDATE_REJECTIONS.invalidState, `the order is ${state.status}`);
    const roles = [userId === input.buyerId && 'buyer', userId === input.sellerId && 'seller'].filter(
      Boolean,
    );
    if (!allowed.some((r) => roles.includes(r)))
      throw reject(UPDATE_REJECTIONS.forbidden, `only the ${allowed.join(' or ')} may do this`);
  };
  const requireStatus = (allowed: EscrowStatus[], action: string) => {
    if (requested || !allowed.includes(state.status)) {
      throw reject(
        UPDATE_REJECTIONS.invalidState,
        `cannot ${action} an order that is ${requested ? 'changing' : state.status}`,
      );
    }
  };
  const settled = (from: EscrowStatus) => () => state.status !== from;
  // Read through a function: handlers change `requested` while the main loop awaits.
  const requestedKind = () => requested?.kind;
  const idle = () => requested === undefined;

  setHandler(escrowStatusQuery, () => state);
  setHandler(
    shipUpdate,
    async ({ userId, carrier, trackingNumber }) => {
      requested = { kind: 'ship', by: userId };
      state.carrier = carrier;
      state.trackingNumber = trackingNumber;
      await condition(settled('paid'));
      return state;
    },
    {
      validator: ({ userId, carrier, trackingNumber }) => {
        requireParty(userId, ['seller']);
        requireStatus(['paid'], 'ship');
        if (!carrier || !trackingNumber)
          throw reject(UPDATE_REJECTIONS.invalidState, 'carrier and tracking number are required');
      },
    },
  );
  setHandler(
    confirmDeliveryUpdate,
    async ({ userId }) => {
      requested = { kind: 'confirm', by: userId };
      await condition(settled('shipped'));
      return state;
    },
    {
      validator: ({ userId }) => {
        requireParty(userId, ['buyer']);
        requireStatus(['shipped'], 'confirm delivery of');
      },
    },
  );
  setHandler(
    cancelUpdate,
    async ({ userId }) => {
      requested = { kind: 'cancel', by: userId };
      await condition(settled('paid'));
      return state;
    },
    {
      validator: ({ userId }) => {
        requireParty(userId, ['buyer', 'seller']);
        requireStatus(['paid'], 'cancel');
      },
    },
  );
  setHandler(
    openDisputeUpdate,
    async ({ userId, reason, description }) => {
      const from = state.status;
      requested = { kind: 'dispute', by: userId };
      disputeRequest = { by: userId, reason, description };
      await condition(settled(from));
      return state;
    },
    {
      validator: ({ userId }) => {
        requireParty(userId, ['buyer']);
        requireStatus(['shipped', 'delivered'], 'dispute');
      },
    },
  );

  // A chargeback opens a dispute while the escrow holds the money and nothing else is under way.
  // Otherwise it is kept: the main loop turns it into a dispute once the status change is done, a
  // refund under way does not repeat it at the provider, an open dispute is settled by it, and money
  // already released is recovered from the seller. Later ones are moot.
  setHandler(chargebackSignal, (signalled) => {
    const holdsMoney = ['paid', 'shipped', 'delivered'].includes(state.status);
    if (!patched('chargeback-kept')) {
      // Escrows from before: the signal was acted on only as a dispute request.
      if (!disputeRequest && holdsMoney) requestChargebackDispute(signalled);
      return;
    }
    if (chargeback) return;
    chargeback = signalled;
    if (!disputeRequest && holdsMoney && idle()) requestChargebackDispute(signalled);
  });

  // Whether this order, once shipped, takes the carrier's reports: orders shipped before carrier
  // tracking wait for the buyer or the timer only, as their code did (patched('carrier-tracking')).
  let carrierTracking: boolean | undefined;
  // A report that came between the `shipped` row and that check: acted on once the answer is known.
  let earlyCarrierReport: CarrierDeliveredSignal | undefined;
  const acceptCarrierReport = ({ eventId, source }: CarrierDeliveredSignal) => {
    requested = { kind: 'carrier', by: `carrier:${source}` };
    state.carrierEventId = eventId;
  };

  // The carrier's delivery report counts as the buyer's confirmation while the order is shipped and
  // nothing else is being acted on; at any other time it is moot (a duplicate, a late or early report).
  setHandler(carrierDeliveredSignal, (report) => {
    const { eventId, occurredAt } = report;
    if (state.status !== 'shipped' || requested || beforeShipment(occurredAt) || carrierTracking === false) {
      log.info('carrier delivery report ignored', { orderId, eventId, occurredAt, status: state.status });
      return;
    }
    if (carrierTracking === undefined) earlyCarrierReport ??= report;
    else acceptCarrierReport(report);
  });

  const moveTo = async (
    to: EscrowStatus,
    from: OrderStatus[],
    extra: Partial<{ carrier: string; trackingNumber: string }> = {},
  ) => {
    await db.setOrderStatus({
      orderId,
      from,
      to,
      eventKey: effectKey(scope, `status:${to}`),
      deadlines: state.deadlines,
      ...extra,
    });
    state.status = to;
    requested = undefined;
    upsertSearchAttributes([{ key: SA.OrderStatus, value: to }]);
    setCurrentDetails(
      [`**${to}**`, ...Object.entries(state.deadlines).map(([name, at]) => `${name}: ${at}`)].join('\n'),
    );
  };
  const deadline = (name: string, ms: number) => {
    state.deadlines = { [name]: new Date(Date.now() + ms).toISOString() };
  };
  const notifyBoth = partiesNotifier(input, 'order');

  // paid: wait for shipment, a cancellation, or the ship-by deadline.
  deadline('shipBy', timers.shipByMs);
  await db.setOrderStatus({
    orderId,
    from: ['paid'],
    to: 'paid',
    eventKey: effectKey(scope, 'deadline:shipBy'),
    deadlines: state.deadlines,
  });
  const acted = await awaitRequest(timers.shipByMs);
  if (requestedKind() === 'dispute') return holdForDispute();
  if (!acted || requestedKind() === 'cancel') {
    state.cancelReason = !acted ? 'ship_by_deadline' : requested?.by === input.buyerId ? 'buyer' : 'seller';
    await refundAndCancel(state.cancelReason);
    return state;
  }

  // shipped: wait for the buyer's confirmation, the carrier's delivery report, a dispute, or
  // auto-confirmation.
  deadline('autoConfirmAt', timers.autoConfirmMs);
  await moveTo('shipped', ['paid'], { carrier: state.carrier!, trackingNumber: state.trackingNumber! });
  shippedAt = Date.now();
  await notifyBoth('shipped', { carrier: state.carrier, trackingNumber: state.trackingNumber });
  if (disputeChargebackIfPending()) return holdForDispute();
  // Orders shipped before carrier tracking wait for the buyer or the timer only, as they did.
  carrierTracking = patched('carrier-tracking');
  if (carrierTracking && earlyCarrierReport && idle()) acceptCarrierReport(earlyCarrierReport);
  if (carrierTracking) await awaitDelivery();
  else await awaitRequest(timers.autoConfirmMs);
  if (requestedKind() === 'dispute') return holdForDispute();

  // delivered: the dispute window runs, then the funds are released.
  const by = requestedKind();
  const deliveredBy = by === 'carrier' ? 'carrier' : by === 'confirm' ? 'buyer' : 'timer';
  state.deliveredBy = deliveredBy;
  deadline('disputeWindowEndsAt', timers.disputeWindowMs);
  await moveTo('delivered', ['shipped']);
  await notifyBoth(
    'delivered',
    carrierTracking
      ? { deliveredBy, ...(deliveredBy === 'carrier' && { carrierEventId: state.carrierEventId }) }
      : {},
  );
  if (disputeChargebackIfPending()) return holdForDispute();
  await awaitRequest(timers.disputeWindowMs);
  if (requestedKind() === 'dispute') return holdForDispute();

  await release();
  await recoverLateChargeback(input.amount);
  return state;

  /**
   * shipped, with carrier tracking: registers the parcel with the carrier, then waits for a party's
   * request, the carrier's delivery report (signal), the auto-confirm deadline, or a poll of the carrier
   * that finds the parcel delivered (the fallback for a webhook that never came). Ends with `requested` set.
   */
  async function awaitDelivery(): Promise<void> {
    const parcel = { carrier: state.carrier!, trackingNumber: state.trackingNumber! };
    const autoConfirmAt = Date.parse(state.deadlines.autoConfirmAt!);
    const pollMs = timers.carrierPollMs ?? DEFAULT_CARRIER_POLL_MS;
    const register = () =>
      unlessRequested(autoConfirmAt, 'tracker registration', () =>
        carrierCalls.registerTracker({ ...parcel, idempotencyKey: effectKey(scope, 'tracker') }),
      );
    let registered = (await register()) !== undefined;
    while (idle()) {
      const left = autoConfirmAt - Date.now();
      if (left <= 0) {
        requested = { kind: 'deadline', by: 'timer' };
        break;
      }
      if (await condition(() => !idle(), Math.min(pollMs, left))) break;
      if (Date.now() >= autoConfirmAt) continue;
      // A registration that failed (carrier down) is tried again before each poll.
      if (!registered) registered = (await register()) !== undefined;
      const tracking = await unlessRequested(autoConfirmAt, 'tracking poll', () =>
        carrierCalls.getTracking(parcel),
      );
      if (tracking?.status !== 'delivered') continue;
      const event = deliveredEvent(tracking);
      const occurredAt = event?.occurredAt ?? tracking.deliveredAt;
      if (beforeShipment(occurredAt)) continue;
      const eventId = event?.id ?? effectKey(scope, 'carrier-delivered');
      await db.recordCarrierEvent({
        id: eventId,
        ...parcel,
        status: 'delivered',
        occurredAt: occurredAt ?? new Date().toISOString(),
        orderId,
        source: 'poll',
        payload: tracking,
      });
      if (idle()) {
        requested = { kind: 'carrier', by: 'carrier:poll' };
        state.carrierEventId = eventId;
      }
    }
  }

  /**
   * Runs a carrier call unless a request or the deadline (epoch ms) comes first, which cancels it: an
   * order never waits on the carrier. A failed call is logged and answers undefined.
   */
  async function unlessRequested<T>(
    until: number,
    what: string,
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    if (!idle() || Date.now() >= until) return undefined;
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
            log.warn(`carrier ${what} failed`, { orderId, error: String((err as Error).cause ?? err) });
        },
      )
      .then(() => {
        answer.done = true;
      });
    await condition(() => answer.done || !idle(), until - Date.now());
    if (!answer.done) {
      callScope.cancel();
      await finished;
    }
    return answer.value;
  }

  async function release() {
    const fee = feeFor(input.amount, input.feeBps);
    await ledger.postLedger({
      key: effectKey(scope, 'release'),
      description: `order ${orderId}: escrow released to seller (fee ${fee})`,
      orderId,
      lines: [
        { account: accounts.escrow(orderId), currency: input.currency, amount: String(-input.amount) },
        {
          account: accounts.sellerAvailable(input.sellerId),
          currency: input.currency,
          amount: String(input.amount - fee),
        },
        ...(fee > 0
          ? [{ account: accounts.platformFees, currency: input.currency, amount: String(fee) }]
          : []),
      ],
    });
    state.deadlines = {};
    await moveTo('completed', ['delivered']);
    await notifyBoth('completed', { sellerAmount: input.amount - fee, fee });
  }

  async function refundAndCancel(reason: NonNullable<EscrowState['cancelReason']>) {
    log.info('cancelling order', { orderId, reason });
    await CancellationScope.nonCancellable(async () => {
      await refundAtProvider('refund', input.amount);
      await ledger.postLedger({
        key: effectKey(scope, 'refund'),
        description: `order ${orderId}: cancelled (${reason}), refunded to buyer`,
        orderId,
        lines: [
          { account: accounts.escrow(orderId), currency: input.currency, amount: String(-input.amount) },
          { account: accounts.refunds, currency: input.currency, amount: String(input.amount) },
        ],
      });
      await db.restockOrder({ orderId });
      state.deadlines = {};
      await moveTo('cancelled', ['paid']);
    });
    await notifyBoth('cancelled', { reason });
  }

  /** The dispute hook: release stays paused while the dispute workflow (next issue) decides. */
  async function holdForDispute(): Promise<EscrowState> {
    state.deadlines = {};
    const disputeId = disputeIdFor(orderId);
    // Escrow before the dispute workflow existed only paused here; those runs keep doing so.
    const withDisputeWorkflow = patched('dispute-workflow');
    if (withDisputeWorkflow && disputeRequest) {
      await db.openDisputeRecord({
        disputeId,
        orderId,
        openedBy: disputeRequest.by,
        reason: disputeRequest.reason,
        description: disputeRequest.description,
      });
      state.disputeId = disputeId;
    }
    if (!withDisputeWorkflow || !disputeRequest) {
      await moveTo('disputed', ['paid', 'shipped', 'delivered']);
      await notifyBoth('disputed');
      await condition(() => false);
      return state;
    }
    // Started before the order shows `disputed`, so whoever sees that can already address the dispute.
    const dispute = await startChild(disputeWorkflow, {
      workflowId: disputeWorkflowId({ orderId }),
      args: [
        {
          disputeId,
          orderId,
          buyerId: input.buyerId,
          sellerId: input.sellerId,
          amount: input.amount,
          currency: input.currency,
          reason: disputeRequest.reason,
          timers: {
            sellerResponseMs: timers.sellerResponseMs ?? DEFAULT_DISPUTE_TIMERS.sellerResponseMs,
            operatorSlaMs: timers.operatorSlaMs ?? DEFAULT_DISPUTE_TIMERS.operatorSlaMs,
          },
        },
      ],
      typedSearchAttributes: orderSearchAttributes(input, 'disputed'),
      staticSummary: `Dispute (${disputeRequest.reason}) of order ${orderId}: ${input.amount} ${input.currency} minor units`,
    });
    await moveTo('disputed', ['paid', 'shipped', 'delivered']);
    await notifyBoth('disputed');
    const result = dispute.result();
    if (disputeRequest.reason !== 'chargeback' && patched('chargeback-during-dispute')) {
      // A chargeback while the dispute is open decides it: the bank already returned the money.
      const chargedBackFirst = await Promise.race([
        result.then(() => false),
        condition(() => chargeback !== undefined).then(() => true),
      ]);
      if (chargedBackFirst) await dispute.signal(disputeChargebackSignal, chargeback!);
    }
    const decided = await result;
    // A chargeback after the decision overrides it as well: the money is no longer the platform's.
    const outcome =
      chargeback && patched('chargeback-during-dispute') ? chargebackOutcome(input.amount) : decided;
    state.disputeOutcome = outcome;
    await settleDispute(outcome, disputeRequest.reason === 'chargeback' || chargeback !== undefined);
    await recoverLateChargeback(input.amount - outcome.refundAmount);
    return state;
  }

  /**
   * Refunds the buyer at the provider, unless the cardholder's bank already did (a chargeback): a
   * refund the provider refuses as charged back counts as that chargeback, whose webhook is late.
   */
  async function refundAtProvider(step: string, amount: number): Promise<void> {
    if (chargeback && patched('chargeback-refunds')) return;
    try {
      await provider.refundPayment({
        idempotencyKey: effectKey(scope, step),
        orderId,
        intentId: input.intentId,
        amount,
        currency: input.currency,
      });
    } catch (err) {
      if (failureTypeOf(err) !== PROVIDER_REFUSALS.chargeDisputed) throw err;
      log.warn('the provider refused a refund: charged back already', { orderId, step });
      chargeback ??= { providerEventId: `refused:${effectKey(scope, step)}` };
    }
  }

  /**
   * A chargeback that came after money went to the seller (`released` minor units before the fee):
   * the bank took it from the platform, so the seller's share and the fee pay it back.
   */
  async function recoverLateChargeback(released: number): Promise<void> {
    if (!chargeback || chargebackRecovered || released <= 0) return;
    chargebackRecovered = true;
    const fee = feeFor(released, input.feeBps);
    const shares = [
      {
        account: accounts.sellerAvailable(input.sellerId),
        currency: input.currency,
        amount: String(released - fee),
      },
      { account: accounts.platformFees, currency: input.currency, amount: String(fee) },
    ];
    await ledger
      .postLedger({
        key: effectKey(scope, 'chargeback-recovery'),
        description: `order ${orderId}: charged back after release, ${released} recovered from seller and fee`,
        orderId,
        lines: lateChargebackLines(shares, released, input.currency)!,
      })
      .catch((err: unknown) =>
        // Paid out already: reconciliation reports it for an operator to recover.
        log.error('chargeback after release not recovered', { orderId, error: String(err) }),
      );
  }

  /**
   * Moves the escrowed money as the dispute decided: the refund part back to the buyer (at the
   * provider too, unless a chargeback already returned it), the rest to the seller minus the fee.
   */
  async function settleDispute(outcome: DisputeOutcome, chargedBack: boolean) {
    const refund = outcome.refundAmount;
    const sellerPart = input.amount - refund;
    const fee = feeFor(sellerPart, input.feeBps);
    await CancellationScope.nonCancellable(async () => {
      if (refund > 0 && !chargedBack) await refundAtProvider('dispute-refund', refund);
      await ledger.postLedger({
        key: effectKey(scope, 'dispute-settlement'),
        description: `order ${orderId}: dispute resolved (${outcome.outcome}), refund ${refund}, fee ${fee}`,
        orderId,
        lines: [
          { account: accounts.escrow(orderId), currency: input.currency, amount: String(-input.amount) },
          ...(refund > 0
            ? [{ account: accounts.refunds, currency: input.currency, amount: String(refund) }]
            : []),
          ...(sellerPart - fee > 0
            ? [
                {
                  account: accounts.sellerAvailable(input.sellerId),
                  currency: input.currency,
                  amount: String(sellerPart - fee),
                },
              ]
            : []),
          ...(fee > 0
            ? [{ account: accounts.platformFees, currency: input.currency, amount: String(fee) }]
            : []),
        ],
      });
      if (outcome.restock) await db.restockOrder({ orderId });
      await moveTo(FINAL_STATUS_OF[outcome.outcome], ['disputed']);
    });
    await notifyBoth('dispute_resolved', { outcome: outcome.outcome, refundAmount: refund });
  }
}
