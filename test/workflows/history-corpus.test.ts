/**
 * The 1.0 history corpus of the order's workflow and its dispute: one run per branch (README
 * "Workflow histories"), each asserted here and saved with RECORD_HISTORIES=1.0 (kit.recordHistory)
 * for test/workflows/replay.test.ts, which replays them against every later code: they must replay
 * forever (docs/adr/0010-workflow-versioning.md). Payout, sweep, reconciliation and seller-webhook
 * histories are recorded by their own tests.
 */
import { describe, expect, it } from 'vitest';
import { disputeWorkflowId, lateChargebackWorkflowId } from '../../domain/ids.js';
import { DAY, type OrderDriver, until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

/** Saves the order's history (and its dispute's, when it had one) under `name`. */
async function record(name: string, order: OrderDriver, { dispute = false } = {}): Promise<void> {
  expect(kit.money.violations(order.orderId)).toEqual([]);
  await kit.recordHistory(`purchase-${name}`, order.workflowId);
  if (dispute) await kit.recordHistory(`dispute-${name}`, disputeWorkflowId(order.input));
}

const newBuyerBuyingBig = { amount: 150_000, buyerAgeMs: 60_000 };

describe('the 1.0 history corpus (kit)', () => {
  it('paid, shipped, delivery confirmed by the buyer, released', async () => {
    const order = await kit.shippedOrder();
    await order.confirmDelivery();
    expect(await order.result()).toMatchObject({ status: 'completed', deliveredBy: 'buyer' });
    await record('completed-by-buyer', order);
  });

  it('delivered by the carrier’s report', async () => {
    const order = await kit.shippedOrder();
    await order.carrierDelivered({
      eventId: 'cev_corpus',
      occurredAt: new Date(await kit.clock.now()).toISOString(),
      source: 'webhook',
    });
    expect(await order.result()).toMatchObject({ status: 'completed', deliveredBy: 'carrier' });
    await record('completed-by-carrier', order);
  });

  it('delivered by the auto-confirm timer', async () => {
    const order = await kit.shippedOrder();
    expect(await order.result()).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    await record('completed-by-timer', order);
  });

  it('declined by the card', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_declined' });
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'payment_declined' });
    await record('declined', order);
  });

  it('capture refused after the authorization', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_capture_fails' });
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'capture_failed' });
    await record('capture-failed', order);
  });

  it('confirmed by the buyer’s bank (3-D Secure), then shipped and released', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_requires_confirmation' });
    const intent = await until(() => kit.provider.intentsOf(order.orderId)[0]);
    kit.provider.confirm(intent.id, 'authorized');
    await order.confirmPayment({ intentId: intent.id, status: 'authorized' });
    expect((await order.awaitPayment()).status).toBe('paid');
    await order.ship();
    await order.confirmDelivery();
    expect(await order.result()).toMatchObject({ status: 'completed' });
    await record('confirmed-by-bank', order);
  });

  it('cancelled while the provider authorizes', async () => {
    const input = await kit.placeOrder();
    const authorizing = kit.faults.hold('authorizePayment');
    const order = await kit.start(input);
    await authorizing.entered;
    await order.cancelPurchase();
    authorizing.release();
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    await record('cancelled-during-authorization', order);
  });

  for (const decision of ['allow', 'deny'] as const)
    it(`held for fraud review, the operator says ${decision}`, async () => {
      const order = await kit.startOrder(newBuyerBuyingBig);
      await until(async () => (await order.status()).fraud?.decision === 'review');
      await order.reviewFraud(decision);
      if (decision === 'allow') {
        expect((await order.awaitPayment()).status).toBe('paid');
        await order.cancel();
      }
      expect(await order.result()).toMatchObject({ status: decision === 'allow' ? 'cancelled' : 'failed' });
      await record(`fraud-review-${decision}`, order);
    });

  it('held for fraud review, nobody reviews in time', async () => {
    const order = await kit.startOrder(newBuyerBuyingBig);
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'fraud_denied' });
    await record('fraud-review-timed-out', order);
  });

  it('cancelled during the fraud review', async () => {
    const order = await kit.startOrder(newBuyerBuyingBig);
    await until(async () => (await order.status()).fraud?.decision === 'review');
    await order.cancelPurchase();
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    await record('cancelled-in-review', order);
  });

  it('not shipped by the deadline: refunded', async () => {
    const order = await kit.paidOrder();
    expect(await order.result()).toMatchObject({ status: 'cancelled', cancelReason: 'ship_by_deadline' });
    await record('ship-by-refund', order);
  });

  it('cancelled by the buyer after the capture: refunded, restocked', async () => {
    const order = await kit.paidOrder();
    await order.cancel();
    expect(await order.result()).toMatchObject({ status: 'cancelled', cancelReason: 'buyer' });
    await record('cancelled-after-capture', order);
  });

  it('disputed, the seller accepts: refund', async () => {
    const order = await kit.shippedOrder();
    await order.openDispute();
    await order.dispute.accept();
    expect(await order.result()).toMatchObject({ status: 'refunded' });
    await record('dispute-refund', order, { dispute: true });
  });

  for (const outcome of ['release', 'split'] as const)
    it(`disputed, contested, an operator decides ${outcome}`, async () => {
      const order = await kit.shippedOrder();
      await order.openDispute({ reason: 'not_as_described' });
      await order.dispute.evidence(order.input.sellerId, 'As described');
      await order.dispute.resolve({ outcome, ...(outcome === 'split' && { refundAmount: 4_000 }) });
      expect(await order.result()).toMatchObject({ status: outcome === 'split' ? 'split' : 'completed' });
      await record(`dispute-${outcome}`, order, { dispute: true });
    });

  it('disputed, the seller silent: refunded by the timer', async () => {
    const order = await kit.shippedOrder();
    await order.confirmDelivery();
    await order.openDispute({ reason: 'not_as_described' });
    expect(await order.result()).toMatchObject({ status: 'refunded' });
    await record('dispute-seller-silence', order, { dispute: true });
  });

  it('charged back in full while shipped: the dispute it opens settles without a refund', async () => {
    const order = await kit.shippedOrder();
    await order.chargeback();
    expect(await order.result()).toMatchObject({ status: 'refunded' });
    await record('chargeback-disputed', order, { dispute: true });
  });

  it('charged back in part during the buyer’s dispute, an operator splits', async () => {
    const order = await kit.shippedOrder();
    await order.openDispute();
    await order.dispute.evidence(order.input.sellerId, 'Delivered');
    await order.chargeback({ amount: 3_000 });
    await until(async () => (await order.dispute.status()).chargedBack === 3_000);
    await order.dispute.resolve({ outcome: 'split', refundAmount: 5_000 });
    expect(await order.result()).toMatchObject({ status: 'split', disputeOutcome: { refundAmount: 5_000 } });
    await record('dispute-partial-chargeback', order, { dispute: true });
  });

  it('the dispute fails without a decision and runs again', async () => {
    const order = await kit.shippedOrder();
    await order.openDispute();
    await order.dispute.evidence(order.input.sellerId, 'Delivered');
    kit.faults.failNext('recordDisputeOutcome', { retryable: false });
    await order.dispute.resolve({ outcome: 'refund' }).catch(() => undefined);
    await kit.skip(2 * 60_000);
    await until(() =>
      order.dispute.handle.describe().then(
        (d) => d.status.name === 'RUNNING',
        () => false,
      ),
    );
    await order.dispute.accept();
    expect(await order.result()).toMatchObject({ status: 'refunded' });
    await record('dispute-restarted', order, { dispute: true });
  });

  it('charged back after the release: the late-chargeback workflow recovers it', async () => {
    const order = await kit.shippedOrder();
    await order.confirmDelivery();
    expect(await order.result()).toMatchObject({ status: 'completed' });
    const { providerEventId } = await order.chargeback({ amount: 2_500 });
    const late = kit.env.client.workflow.getHandle(lateChargebackWorkflowId({ providerEventId }));
    expect(await late.result()).toMatchObject({ recovered: 2_500 });
    await kit.skip(DAY);
    await record('completed-then-late-chargeback', order);
    await kit.recordHistory('lateChargeback-recovered', late.workflowId);
  });
});
