/**
 * Disputes and chargebacks on the kit: the dispute workflow (`dispute-<orderId>`, a child of the
 * order's workflow) decides, the order's escrow moves the money. Every test ends on where the money
 * is: the provider's intent, the ledger, the seller's balance, and the money checks of the kit.
 */
import { WorkflowUpdateStage } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { disputeIdFor } from '../../domain/dispute.js';
import { PROVIDER_REFUSALS, UPDATE_REJECTIONS } from '../../domain/failures.js';
import { lateChargebackWorkflowId, purchaseWorkflowId } from '../../domain/ids.js';
import { refundLines } from '../../domain/ledger.js';
import { feeFor } from '../../domain/money.js';
import { OPERATOR_INBOX } from '../../workflows/dispute.js';
import { shipUpdate } from '../../workflows/escrow/messages.js';
import { DAY, type OrderDriver, refusal, until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

const AMOUNT = 10_000;

/** Paid, shipped, and disputed by the buyer as not received. */
async function disputedOrder(): Promise<OrderDriver> {
  const order = await kit.shippedOrder({ amount: AMOUNT });
  const state = await order.openDispute();
  expect(state).toMatchObject({ status: 'disputed', disputeId: disputeIdFor(order.orderId) });
  expect(kit.disputes.row(disputeIdFor(order.orderId))).toMatchObject({
    status: 'open',
    reason: 'not_received',
    openedBy: order.input.buyerId,
  });
  return order;
}

async function contest(order: OrderDriver) {
  const state = await order.dispute.evidence(order.input.sellerId, 'Delivered, signed for', [
    'https://track.example/JJD42',
  ]);
  expect(state.evidence).toEqual([
    expect.objectContaining({ role: 'seller', authorId: order.input.sellerId }),
  ]);
}

const seller = (order: OrderDriver) => kit.ledger.balance(`seller_available:${order.input.sellerId}`);
const intent = (order: OrderDriver) => kit.provider.intentsOf(order.orderId)[0]!;

/** Refunded in full: at the provider by refund or by the bank, nothing left with the seller. */
function expectRefundedInFull(order: OrderDriver, providerRefund: number) {
  expect(kit.orders.status(order.orderId)).toBe('refunded');
  expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(0n);
  expect(seller(order)).toBe(0n);
  expect(intent(order)).toMatchObject({ amountCaptured: AMOUNT, amountRefunded: providerRefund });
  expect(kit.money.violations(order.orderId)).toEqual([]);
}

/** The bank took the whole payment back and the books say so: nothing refunded twice, nothing released. */
function expectChargedBack(order: OrderDriver) {
  expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(0n);
  expect(seller(order)).toBe(0n);
  expect(intent(order)).toMatchObject({ amountCaptured: AMOUNT, amountRefunded: 0, amountDisputed: AMOUNT });
  expect(kit.money.violations(order.orderId)).toEqual([]);
}

describe('dispute (kit)', () => {
  it('starts the dispute workflow as a child of the order; the seller accepts: full refund', async () => {
    const order = await disputedOrder();
    const child = await order.dispute.handle.describe();
    expect(child.type).toBe('disputeWorkflow');
    expect(child.parentExecution?.workflowId).toBe(purchaseWorkflowId(order.input));
    expect(kit.inputsOf('openDisputeRecord')).toEqual([
      {
        disputeId: order.dispute.disputeId,
        orderId: order.orderId,
        openedBy: order.input.buyerId,
        reason: 'not_received',
        description: 'Nothing arrived',
      },
    ]);
    expect(await refusal(order.dispute.accept(order.input.buyerId))).toMatchObject({
      type: UPDATE_REJECTIONS.forbidden,
    });
    await order.dispute.accept();

    expect(await order.result()).toMatchObject({
      status: 'refunded',
      disputeOutcome: { outcome: 'refund', refundAmount: AMOUNT, decidedBy: 'seller' },
    });
    expectRefundedInFull(order, AMOUNT);
    expect(kit.disputes.row(order.dispute.disputeId)).toMatchObject({
      status: 'resolved',
      outcome: 'refund',
      refundAmount: AMOUNT,
    });
    expect(kit.notifications.forOrder(order.orderId, 'dispute.opened')).toHaveLength(2);
  });

  it('the seller stays silent for 3 days: resolved for the buyer', async () => {
    const order = await disputedOrder();
    const state = await order.result();
    expect(state.disputeOutcome).toMatchObject({ outcome: 'refund', decidedBy: 'seller_silence' });
    expect(await order.dispute.runningTimeMs()).toBeGreaterThanOrEqual(3 * DAY);
    expectRefundedInFull(order, AMOUNT);
  });

  it('contested, an operator refunds and the returned item is restocked; audited', async () => {
    const order = await disputedOrder();
    await contest(order);
    await order.dispute.evidence(order.input.buyerId, 'The box was empty');
    expect(kit.stock.available(order.input.listingId)).toBe(2);
    // Each party hears of the other's evidence.
    const evidenceNotices = await until(() => {
      const notices = kit.notifications.forOrder(order.orderId, 'dispute.evidence');
      return notices.length === 2 && notices;
    });
    expect(evidenceNotices.map((n) => n.userId).sort()).toEqual(
      [order.input.buyerId, order.input.sellerId].sort(),
    );
    await order.dispute.resolve({ operatorId: 'op_ann', outcome: 'refund', restock: true });

    expect((await order.result()).status).toBe('refunded');
    expectRefundedInFull(order, AMOUNT);
    expect(kit.stock.available(order.input.listingId)).toBe(3);
    expect(kit.disputes.evidence(order.dispute.disputeId)).toHaveLength(2);
    expect(kit.disputes.audit(order.dispute.disputeId)).toEqual([
      expect.objectContaining({
        actorId: 'op_ann',
        action: 'dispute.resolve',
        data: expect.objectContaining({ outcome: 'refund', restock: true }),
      }),
    ]);
  });

  it('contested, an operator releases: the seller is paid minus the fee, nothing refunded', async () => {
    const order = await disputedOrder();
    await contest(order);
    await order.dispute.resolve({ operatorId: 'op_bo', outcome: 'release' });

    expect((await order.result()).status).toBe('completed');
    expect(seller(order)).toBe(BigInt(AMOUNT - feeFor(AMOUNT, 1000)));
    expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(0n);
    expect(intent(order)).toMatchObject({ amountRefunded: 0 });
    expect(kit.orders.status(order.orderId)).toBe('completed');
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('an operator splits: partial refund at the provider, the rest to the seller minus its fee', async () => {
    const order = await disputedOrder();
    await contest(order);
    for (const refundAmount of [0, AMOUNT, AMOUNT + 1, 12.5, undefined])
      expect(await refusal(order.dispute.resolve({ outcome: 'split', refundAmount }))).toMatchObject({
        type: UPDATE_REJECTIONS.invalidState,
      });
    await order.dispute.resolve({ operatorId: 'op_cy', outcome: 'split', refundAmount: 3_001 });

    expect(await order.result()).toMatchObject({
      status: 'split',
      disputeOutcome: { outcome: 'split', refundAmount: 3_001 },
    });
    const sellerPart = AMOUNT - 3_001;
    const fee = feeFor(sellerPart, 1000);
    expect(seller(order)).toBe(BigInt(sellerPart - fee));
    expect(kit.inputsOf('refundPayment')).toEqual([
      expect.objectContaining({ idempotencyKey: order.escrowKey('dispute-refund'), amount: 3_001 }),
    ]);
    expect(kit.ledger.posting(order.escrowKey('dispute-settlement'))?.lines).toEqual([
      { account: `escrow:${order.orderId}`, currency: 'EUR', amount: '-10000' },
      { account: 'refunds', currency: 'EUR', amount: '3001' },
      {
        account: `seller_available:${order.input.sellerId}`,
        currency: 'EUR',
        amount: String(sellerPart - fee),
      },
      { account: 'platform_fees', currency: 'EUR', amount: String(fee) },
    ]);
    expect(intent(order)).toMatchObject({ amountCaptured: AMOUNT, amountRefunded: 3_001 });
    expect(kit.disputes.row(order.dispute.disputeId)).toMatchObject({
      outcome: 'split',
      refundAmount: 3_001,
    });
    // Closed disputes take no more evidence (the workflow is gone, the API answers 409 from the row).
    await expect(order.dispute.evidence(order.input.buyerId, 'late')).rejects.toThrow();
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('escalates to the operators once the 7-day SLA passes, and still takes their decision', async () => {
    const order = await disputedOrder();
    await contest(order);
    await kit.skip(7 * DAY + 60_000); // exactly past the SLA (result() would skip on to the end)
    await until(() => kit.disputes.row(order.dispute.disputeId)?.status === 'escalated');
    expect(kit.notifications.of(OPERATOR_INBOX).filter((n) => n.orderId === order.orderId)).toEqual([
      expect.objectContaining({ type: 'dispute.escalated' }),
    ]);
    expect(await order.dispute.status()).toMatchObject({ status: 'escalated', escalated: true });

    await order.dispute.resolve({ operatorId: 'op_dee', outcome: 'release' });
    expect((await order.result()).status).toBe('completed');
    expect(await order.dispute.runningTimeMs()).toBeGreaterThanOrEqual(7 * DAY);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a chargeback on a paid order opens the dispute itself and settles without a refund at the provider', async () => {
    const order = await kit.shippedOrder({ amount: AMOUNT });
    const { providerEventId } = await order.chargeback({ reason: 'fraudulent' });

    expect(await order.result()).toMatchObject({
      status: 'refunded',
      disputeOutcome: { outcome: 'refund', refundAmount: AMOUNT, decidedBy: 'chargeback' },
    });
    expect(kit.inputsOf('openDisputeRecord')).toEqual([
      expect.objectContaining({
        openedBy: 'provider',
        reason: 'chargeback',
        description: `chargeback ${providerEventId}: fraudulent`,
      }),
    ]);
    // The bank already returned the money: refunding it again would pay the buyer twice.
    expect(kit.inputsOf('refundPayment')).toEqual([]);
    expect(kit.ledger.posting(order.escrowKey('dispute-settlement'))?.lines).toEqual(
      refundLines(order.input),
    );
    expect(kit.disputes.row(order.dispute.disputeId)).toMatchObject({
      reason: 'chargeback',
      status: 'resolved',
    });
    expectChargedBack(order);
  });

  it('a chargeback while the buyer’s dispute is open settles it: no second refund, nothing to the seller', async () => {
    const order = await disputedOrder();
    await contest(order);
    await order.chargeback();

    expect(await order.result()).toMatchObject({
      status: 'refunded',
      disputeOutcome: { outcome: 'refund', refundAmount: AMOUNT, decidedBy: 'chargeback' },
    });
    expect(kit.disputes.row(order.dispute.disputeId)).toMatchObject({
      status: 'resolved',
      refundAmount: AMOUNT,
    });
    expectChargedBack(order);
    // The operator comes too late: the dispute is closed.
    await expect(order.dispute.resolve({ outcome: 'release' })).rejects.toThrow();
  });

  it('a chargeback arriving while a shipment is being recorded is not lost', async () => {
    const order = await kit.paidOrder({ amount: AMOUNT });
    // Accepted first: the workflow is recording the shipment when the chargeback comes in.
    const shipping = await order.handle.startUpdate(shipUpdate, {
      args: [{ userId: order.input.sellerId, carrier: 'DHL', trackingNumber: 'JJD43' }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await order.chargeback();
    expect((await shipping.result()).status).toBe('shipped');

    expect(await order.result()).toMatchObject({ status: 'refunded', disputeOutcome: { outcome: 'refund' } });
    expect(kit.disputes.row(order.dispute.disputeId)).toMatchObject({ reason: 'chargeback' });
    expectChargedBack(order);
  });

  it('a cancel refund meeting a chargeback whose webhook is late: the bank’s refund counts, none is sent twice', async () => {
    const order = await kit.paidOrder({ amount: AMOUNT });
    // The bank took the money; its webhook has not come yet.
    const chargeback = await order.chargeback({ webhook: false });
    const cancelling = order.cancel();
    await until(() => kit.calls.some((c) => c.name === 'refundPayment'));
    await order.chargebackWebhook(chargeback);

    expect(await cancelling).toMatchObject({ status: 'cancelled', cancelReason: 'buyer' });
    expect((await order.result()).status).toBe('cancelled');
    expect(kit.stock.available(order.input.listingId)).toBe(3);
    expectChargedBack(order);
  });

  it('a refund the provider refuses as charge_disputed, with no webhook ever, counts as a full chargeback', async () => {
    kit.faults.failNext('refundPayment', { type: PROVIDER_REFUSALS.chargeDisputed, retryable: false });
    const order = await disputedOrder();
    await contest(order);
    await order.dispute.resolve({ operatorId: 'op_1', outcome: 'split', refundAmount: 4000 });

    // Refused once, not retried; after a day without the webhook the whole payment counts as taken
    // back: the seller's 5400 and the fee's 600 are recovered (reconciliation confirms at the provider).
    expect((await order.result()).status).toBe('split');
    expect(kit.calls.filter((c) => c.name === 'refundPayment')).toHaveLength(1);
    expect(seller(order)).toBe(0n);
    expect(kit.ledger.movement(order.orderId, 'platform_fees')).toBe(0n);
    expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(0n);
    expect(kit.ledger.check()).toEqual({ ok: true, problems: [] });
  });

  it('a dispute a chargeback opened resolves only as a refund: nothing released that the bank took back', async () => {
    const order = await kit.paidOrder({ amount: AMOUNT });
    await order.chargeback();
    await until(() => kit.orders.status(order.orderId) === 'disputed');
    for (const outcome of ['release', 'split'] as const)
      expect(
        await refusal(
          order.dispute.resolve({ outcome, ...(outcome === 'split' && { refundAmount: 1_000 }) }),
        ),
      ).toMatchObject({ type: UPDATE_REJECTIONS.invalidState });
    await order.dispute.resolve({ outcome: 'refund' });
    expect(await order.result()).toMatchObject({ status: 'refunded' });
    expectChargedBack(order);
  });

  it('a chargeback after the release takes the seller’s share and the fee back (late chargeback)', async () => {
    const order = await kit.paidOrder({ amount: AMOUNT });
    await order.ship();
    await order.confirmDelivery();
    expect((await order.result()).status).toBe('completed');
    expect(seller(order)).toBe(9_000n);

    // The order's workflow has closed: the webhook starts a late-chargeback workflow of its own.
    const { providerEventId } = await order.chargeback();
    const late = kit.env.client.workflow.getHandle(lateChargebackWorkflowId({ providerEventId }));
    expect(await late.result()).toEqual({ recovered: AMOUNT });
    expect(seller(order)).toBe(0n);
    expect(kit.ledger.movement(order.orderId, 'platform_fees')).toBe(0n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a late chargeback the seller cannot cover (paid out already) tells the operators', async () => {
    const order = await kit.paidOrder({ amount: AMOUNT });
    await order.ship();
    await order.confirmDelivery();
    await order.result();
    // The seller's balance went out in a payout meanwhile.
    kit.ledger.post({
      key: `${order.input.sellerId}:paid-out`,
      description: 'kit: paid out',
      lines: [
        { account: `seller_available:${order.input.sellerId}`, currency: 'EUR', amount: '-9000' },
        { account: `seller_paid_out:${order.input.sellerId}`, currency: 'EUR', amount: '9000' },
      ],
    });

    const { providerEventId } = await order.chargeback();
    const late = kit.env.client.workflow.getHandle(lateChargebackWorkflowId({ providerEventId }));
    expect(await late.result()).toEqual({ recovered: 0, unrecoverable: 'insufficient_funds' });
    expect(kit.notifications.of(OPERATOR_INBOX).filter((n) => n.orderId === order.orderId)).toEqual([
      expect.objectContaining({ type: 'chargeback.unrecovered', orderId: order.orderId }),
    ]);
    // The ledger did not take it back: what the provider kept and what the books moved now differ.
    expect(kit.money.of(order.orderId)).toMatchObject({ providerKept: 0, ledgerIn: AMOUNT, ledgerOut: 0 });
  });
});
