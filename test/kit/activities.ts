/**
 * Every activity of the platform (`Activities`, so a changed signature fails to type-check here),
 * answered from the kit's in-memory state. They fail as the real ones do: with the adapters' errors
 * and `ExpectedFailure`s, which the workers' failure interceptor types, as in production.
 */
import { createHash } from 'node:crypto';
import { activityInfo } from '@temporalio/activity';
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Activities } from '../../activities/index.js';
import { type PurchaseStepName, purchaseStepsOf } from '../../activities/purchase-steps.js';
import { InvalidTransitionError } from '../../db/queries/orders.js';
import { ExpectedFailure, FAILURE_TYPES, SELLER_WEBHOOK_FAILURES } from '../../domain/failures.js';
import { accounts, purchaseWorkflowId } from '../../domain/ids.js';
import type { NotifyInput } from '../../domain/notifications.js';
import type { ReconciliationReport } from '../../domain/reconciliation.js';
import {
  SELLER_WEBHOOK_DELIVERY_WORKFLOW,
  sellerWebhookDeliveryWorkflowId,
} from '../../domain/seller-webhooks.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { type PaymentIntent, ProviderRejectedError } from '../../payments/provider.js';
import { auctionFakes, type FakeAuctions } from './auctions.js';
import type { FakeCarrier } from './carrier.js';
import type { Clock } from './clock.js';
import type { FakeDisputes } from './disputes.js';
import type { FakeFraud } from './fraud.js';
import type { FakeLedger } from './ledger.js';
import type { FakeNotifications, Notification } from './notifications.js';
import { offerFakes } from './offer-activities.js';
import type { FakeOffers } from './offers.js';
import type { FakeOrders } from './orders.js';
import type { FakePayouts } from './payouts.js';
import { type FakePrivacy, privacyFakes } from './privacy.js';
import type { FakeProvider } from './provider.js';
import { compareInMemory, type PaymentRecords } from './reconciliation.js';
import type { FakeSellerWebhooks } from './seller-webhooks.js';
import type { FakeStock } from './stock.js';

/** The state the fakes read and write: the kit's stores. */
export interface KitState {
  clock: Clock;
  provider: FakeProvider;
  ledger: FakeLedger;
  stock: FakeStock;
  orders: FakeOrders;
  offers: FakeOffers;
  auctions: FakeAuctions;
  notifications: FakeNotifications;
  disputes: FakeDisputes;
  carrier: FakeCarrier;
  payouts: FakePayouts;
  webhooks: FakeSellerWebhooks;
  fraud: FakeFraud;
  privacy: FakePrivacy;
  records: PaymentRecords;
  reports: Map<string, ReconciliationReport>;
  /** Starts seller webhook deliveries, as the notify activity's fan-out does. */
  client: Client;
  webhookRetryInitialMs: number;
}

export function kitActivities(s: KitState): Activities {
  const now = () => s.clock.now();
  const iso = () => s.clock.iso();

  /** In-app once per key, then one delivery workflow per matching seller endpoint (activities/notifications.ts). */
  const notify = async (input: NotifyInput, via: Notification['via']) => {
    const at = await iso();
    s.notifications.deliver(input, via, at);
    for (const endpoint of s.webhooks.endpointsFor(input.userId, input.type)) {
      const delivery = s.webhooks.ensureDelivery(endpoint.id, input, at);
      if (delivery.status !== 'pending') continue;
      await s.client.workflow
        .start(SELLER_WEBHOOK_DELIVERY_WORKFLOW, {
          workflowId: sellerWebhookDeliveryWorkflowId({ deliveryId: delivery.id }),
          taskQueue: TASK_QUEUES.orders,
          args: [
            {
              deliveryId: delivery.id,
              endpointId: endpoint.id,
              eventType: input.type,
              retryInitialMs: s.webhookRetryInitialMs,
            },
          ],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        })
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        });
    }
  };

  /** The guarded status change; its notifications leave through the outbox once it committed. */
  const moveOrder = async (input: Parameters<Activities['setOrderStatus']>[0]) => {
    const { moved, notify: notices } = s.orders.transition(input, await iso());
    for (const notice of notices) await notify(notice, 'outbox');
    return moved;
  };

  const record = async (row: Omit<Parameters<PaymentRecords['record']>[0], 'at'>) =>
    s.records.record({ ...row, at: await now() });
  /** An offer's hold is the offer's record; anything else the order's (activities/payments.ts). */
  const recordedFor = (input: { orderId: string; offerId?: string }) =>
    input.offerId ? { offerId: input.offerId } : { orderId: input.orderId };

  const capturedIntent = (orderId: string) => s.provider.intentsOf(orderId).find((i) => i.amountCaptured > 0);
  const takenBackOf = (intent: PaymentIntent) => intent.amountRefunded + (intent.amountDisputed ?? 0);

  const fakes: Omit<Activities, PurchaseStepName> = {
    // Inventory
    async reserveInventory(input) {
      const outcome = s.stock.reserve(input);
      if (outcome === 'out_of_stock')
        throw new ExpectedFailure(FAILURE_TYPES.outOfStock, `listing ${input.listingId} is out of stock`);
      if (outcome === 'listing_not_found')
        throw new ExpectedFailure(FAILURE_TYPES.listingUnavailable, `listing ${input.listingId} not found`);
    },
    async releaseReservation({ orderId }) {
      s.stock.release(orderId);
    },
    async commitReservation({ orderId }) {
      s.stock.commit(orderId);
    },
    async restockOrder({ orderId }) {
      s.stock.restock(orderId);
    },
    async listStaleOrders({ holdMs, limit }) {
      return s.orders.pendingPlacedBefore(new Date((await now()) - holdMs).toISOString(), limit);
    },
    /** Ends a `pending` order no workflow runs, its stock back, the buyer told (activities/stale-orders.ts). */
    async expireStaleOrder({ orderId }) {
      const described = await s.client.workflow
        .getHandle(purchaseWorkflowId({ orderId }))
        .describe()
        .then(
          () => true,
          (err: unknown) => {
            if (err instanceof WorkflowNotFoundError) return false;
            throw err;
          },
        );
      if (described) return 'has_workflow';
      const order = s.orders.row(orderId);
      if (order?.status !== 'pending') return 'moved_on';
      await moveOrder({
        orderId,
        from: ['pending'],
        to: 'failed',
        eventKey: `${orderId}:unstarted:expired`,
        failureReason: 'expired',
        notify: [
          {
            dedupeKey: `${orderId}:notify:buyer:failed`,
            userId: order.buyerId,
            type: 'order.failed',
            orderId,
            payload: { orderId, failureReason: 'expired' },
          },
        ],
      });
      s.stock.release(orderId);
      return 'expired';
    },
    async screenPurchase(input) {
      return s.fraud.screen(input, await now());
    },

    // Orders
    async setOrderStatus(input) {
      await moveOrder(input);
    },
    /** One transaction: a refused status change leaves neither the posting nor the commit. */
    async settlePaid({ ledger, status }) {
      const current = s.orders.status(status.orderId);
      if (!current || (!status.from.includes(current) && current !== status.to))
        throw new InvalidTransitionError(status.orderId, current, status.to);
      s.ledger.post(ledger);
      s.stock.commit(status.orderId);
      await moveOrder(status);
    },

    // Offers (test/kit/offer-activities.ts)
    ...offerFakes(s, (notice) => notify(notice, 'outbox'), iso),
    // Auctions (test/kit/auctions.ts)
    ...auctionFakes(s, (notice) => notify(notice, 'outbox'), iso),
    // Data exports and erasures (test/kit/privacy.ts)
    ...privacyFakes(s),

    // Ledger
    async postLedger(input) {
      return s.ledger.post(input);
    },
    async releasedForOrder({ orderId }) {
      return s.ledger.releasedForOrder(orderId);
    },
    async unbookedTakeBack({ orderId }) {
      const captured = capturedIntent(orderId);
      if (!captured) return 0;
      const booked = s.ledger.movement(orderId, accounts.refunds, captured.currency);
      return Math.max(0, takenBackOf(captured) - Number(booked));
    },
    async recoverLateChargeback(input) {
      const captured = capturedIntent(input.orderId);
      return s.ledger.recoverLate({ ...input, takenBack: captured ? takenBackOf(captured) : 0 });
    },

    // Payments
    async authorizePayment(input) {
      const intent = await s.provider.authorize({
        idempotencyKey: input.idempotencyKey,
        amount: input.amount,
        currency: input.currency,
        paymentMethod: input.paymentMethod,
        metadata: { orderId: input.orderId, ...(input.offerId && { offerId: input.offerId }) },
      });
      await record({
        ...recordedFor(input),
        kind: 'authorization',
        idempotencyKey: input.idempotencyKey,
        providerRef: intent.id,
        amount: input.amount,
        currency: input.currency,
        status: intent.status,
      });
      return {
        intentId: intent.id,
        status: intent.status === 'requires_confirmation' ? 'requires_confirmation' : 'authorized',
      };
    },
    /** The real one watches for 15 s; this one looks once (the workflow's timers space the looks). */
    async pollPaymentConfirmation({ intentId }) {
      const intent = await s.provider.getIntent(intentId);
      if (intent.status === 'requires_confirmation') return undefined;
      return { intentId, status: intent.status === 'authorized' ? 'authorized' : 'declined' };
    },
    async capturePayment(input) {
      const intent = await s.provider.capture(input);
      await record({
        orderId: input.orderId,
        kind: 'capture',
        idempotencyKey: input.idempotencyKey,
        providerRef: intent.id,
        amount: intent.amountCaptured,
        currency: input.currency,
        status: intent.status,
      });
    },
    async voidAuthorization(input) {
      const intent = await s.provider.void(input);
      await record({
        ...recordedFor(input),
        kind: 'void',
        idempotencyKey: input.idempotencyKey,
        providerRef: intent.id,
        amount: 0,
        currency: input.currency,
        status: intent.status,
      });
    },
    async refundPayment(input) {
      const refund = await s.provider.refund(input);
      await record({
        orderId: input.orderId,
        kind: 'refund',
        idempotencyKey: input.idempotencyKey,
        providerRef: refund.id,
        amount: refund.amount,
        currency: input.currency,
        status: refund.status,
      });
    },

    // Payouts
    async setPayoutStatus(input) {
      s.payouts.setStatus(input);
    },
    /** Refused before any transfer unless the seller is onboarded, on the first attempt only (activities/payouts.ts). */
    async createTransfer(input) {
      const payout = s.payouts.row(input.payoutId);
      if (activityInfo().attempt === 1 && payout && !s.payouts.account(payout.sellerId)?.payoutsEnabled)
        throw new ProviderRejectedError(
          409,
          'payouts_not_enabled',
          `seller ${payout.sellerId} is not onboarded`,
        );
      const transfer = await s.provider.createTransfer({
        idempotencyKey: input.idempotencyKey,
        destination: input.destination,
        amount: input.amount,
        currency: input.currency,
        metadata: { payoutId: input.payoutId },
      });
      await record({
        kind: 'transfer',
        idempotencyKey: input.idempotencyKey,
        providerRef: transfer.id,
        amount: input.amount,
        currency: input.currency,
        status: transfer.status,
      });
      return { transferId: transfer.id, status: transfer.status, failureCode: transfer.failureCode };
    },
    async checkTransfer({ transferId }) {
      const transfer = await s.provider.getTransfer(transferId);
      if (transfer.status === 'pending') return { transferId, status: 'pending' };
      return {
        transferId,
        status: transfer.status,
        ...(transfer.failureCode && { failureCode: transfer.failureCode }),
      };
    },
    async listPayoutsDue({ minimum }) {
      return s.payouts.due(minimum);
    },
    /** One payout row per (sweep, seller, currency), the id derived as activities/payouts.ts derives it. */
    async createSweepPayout(input) {
      const payoutId = `po_${createHash('sha256').update(`${input.sweepId}\n${input.sellerId}\n${input.currency}`).digest('hex').slice(0, 32)}`;
      s.payouts.insert({
        id: payoutId,
        sellerId: input.sellerId,
        amount: input.amount,
        currency: input.currency,
        createdAt: await now(),
      });
      return payoutId;
    },
    async reconcilePeriod(input) {
      const period = { from: new Date(input.from), to: new Date(input.to) };
      const { counts, mismatches } = await compareInMemory(s, period);
      const report: ReconciliationReport = {
        reportId: input.reportId,
        periodStart: input.from,
        periodEnd: input.to,
        status: mismatches.length ? 'mismatches' : 'clean',
        counts,
        mismatches,
      };
      if (!s.reports.has(input.reportId)) s.reports.set(input.reportId, report);
      return report;
    },

    // Disputes
    async openDisputeRecord(input) {
      s.disputes.open(input);
    },
    async setDisputeStatus({ disputeId, status }) {
      s.disputes.setStatus(disputeId, status);
    },
    async recordEvidence(input) {
      s.disputes.addEvidence({ id: input.evidenceId, ...input });
    },
    async recordDisputeOutcome({ disputeId, outcome }) {
      return s.disputes.resolve(disputeId, outcome);
    },

    // Carriers
    async registerTracker(input) {
      return s.carrier.registerTracker(input);
    },
    async getTracking(parcel) {
      return s.carrier.getTracking(parcel);
    },
    async recordCarrierEvent(event) {
      return s.carrier.record(event);
    },

    // Notifications and seller webhooks
    async notify(input) {
      await notify(input, 'activity');
    },
    async deliverSellerWebhook({ deliveryId }) {
      const result = s.webhooks.attempt(deliveryId, activityInfo().attempt);
      switch (result.outcome) {
        case 'gone':
          throw new ExpectedFailure(SELLER_WEBHOOK_FAILURES.deliveryNotFound, `no delivery ${deliveryId}`);
        case 'ended':
          return { status: result.status };
        case 'disabled':
          throw new ExpectedFailure(SELLER_WEBHOOK_FAILURES.endpointDisabled, 'endpoint disabled');
        case 'refused':
          throw new ExpectedFailure(SELLER_WEBHOOK_FAILURES.unsafeTarget, 'the target is not allowed');
        case 'answered':
          if (result.statusCode >= 200 && result.statusCode < 300) return { status: 'delivered' };
          throw new ExpectedFailure(
            SELLER_WEBHOOK_FAILURES.attemptFailed,
            `endpoint answered HTTP ${result.statusCode}`,
            { retryable: true },
          );
      }
    },
    async finishSellerWebhookDelivery({ deliveryId, error }) {
      s.webhooks.finish(deliveryId, 'failed', error);
    },
  };
  // The purchase's composite steps compose the kit's own fakes, as activities/index.ts the real ones.
  return { ...fakes, ...purchaseStepsOf(fakes) };
}
