/**
 * Every dispute branch on the time-skipping server with real activities, PostgreSQL and the sandbox
 * provider: who decided, where the money went (ledger and provider), and the order's final state.
 */
import { WorkflowUpdateFailedError, WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findDispute } from '../../db/queries/disputes.js';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { findListing } from '../../db/queries/listings.js';
import { findOrder } from '../../db/queries/orders.js';
import { auditLog, notifications } from '../../db/schema/index.js';
import { disputeIdFor } from '../../domain/dispute.js';
import { disputeWorkflowId } from '../../domain/ids.js';
import { feeFor } from '../../domain/money.js';
import {
  acceptDisputeUpdate,
  addEvidenceUpdate,
  type disputeWorkflow,
  OPERATOR_INBOX,
  resolveDisputeUpdate,
} from '../../workflows/dispute.js';
import { cancelUpdate, chargebackSignal, openDisputeUpdate, shipUpdate } from '../../workflows/escrow.js';
import { DAY, pendingOrder } from '../support/fixtures.js';
import { payOrder } from '../support/paid-order.js';
import { eventually, stack } from '../support/stack.js';
import { timeSkippingPerTest } from '../support/time-skipping.js';

const ts = timeSkippingPerTest();

const AMOUNT = 10_000;

async function paidOrder() {
  const input = await pendingOrder(ts.db, { amount: AMOUNT, feeBps: 1000 });
  const { order: escrow } = await payOrder(ts, input);
  const dispute = ts.env.client.workflow.getHandle<typeof disputeWorkflow>(disputeWorkflowId(input));
  return { input, escrow, dispute };
}

/** Paid, shipped, and disputed by the buyer as not received. */
async function disputedOrder() {
  const order = await paidOrder();
  const { input, escrow } = order;
  await escrow.executeUpdate(shipUpdate, {
    args: [{ userId: input.sellerId, carrier: 'DHL', trackingNumber: 'JJD42' }],
  });
  const state = await escrow.executeUpdate(openDisputeUpdate, {
    args: [{ userId: input.buyerId, reason: 'not_received', description: 'Nothing arrived' }],
  });
  expect(state).toMatchObject({ status: 'disputed', disputeId: disputeIdFor(input.orderId) });
  expect(await findDispute(ts.db, disputeIdFor(input.orderId))).toMatchObject({
    status: 'open',
    reason: 'not_received',
    openedBy: input.buyerId,
  });
  return order;
}

const intentOf = async (orderId: string) =>
  ts.payments.getIntent((await findOrder(ts.db, orderId))!.paymentIntentId!);

async function rejectionType(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  return cause instanceof ApplicationFailure ? cause.type : undefined;
}

async function expectRefundedInFull(orderId: string, sellerId: string, providerRefund: number) {
  expect((await findOrder(ts.db, orderId))?.status).toBe('refunded');
  expect(await accountBalance(ts.db, `escrow:${orderId}`, 'EUR')).toBe(0n);
  expect(await accountBalance(ts.db, `seller_available:${sellerId}`, 'EUR')).toBe(0n);
  expect(await intentOf(orderId)).toMatchObject({ amountCaptured: AMOUNT, amountRefunded: providerRefund });
  expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
}

/** The cardholder's bank takes the money back at the provider (its webhook is the test's to deliver). */
async function chargebackAtProvider(orderId: string) {
  const intentId = (await findOrder(ts.db, orderId))!.paymentIntentId!;
  const res = await fetch(`${stack().sandboxUrl}/_sandbox/payment_intents/${intentId}/chargeback`, {
    method: 'POST',
    body: JSON.stringify({ reason: 'fraudulent' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The bank took the whole payment back and the books say so: nothing refunded twice, nothing released. */
async function expectChargedBack(orderId: string, sellerId: string) {
  expect(await accountBalance(ts.db, `escrow:${orderId}`, 'EUR')).toBe(0n);
  expect(await accountBalance(ts.db, `seller_available:${sellerId}`, 'EUR')).toBe(0n);
  expect(await intentOf(orderId)).toMatchObject({
    amountCaptured: AMOUNT,
    amountRefunded: 0,
    amountDisputed: AMOUNT,
  });
  expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
}

async function contest(order: Awaited<ReturnType<typeof disputedOrder>>) {
  const state = await order.dispute.executeUpdate(addEvidenceUpdate, {
    args: [
      { userId: order.input.sellerId, text: 'Delivered, signed for', links: ['https://track.example/JJD42'] },
    ],
  });
  expect(state.evidence).toEqual([
    expect.objectContaining({ role: 'seller', authorId: order.input.sellerId }),
  ]);
}

describe('dispute (time-skipping)', () => {
  it('the seller accepts: full refund at the provider, order refunded', async () => {
    const order = await disputedOrder();
    const { input } = order;
    expect(
      await rejectionType(
        order.dispute.executeUpdate(acceptDisputeUpdate, { args: [{ userId: input.buyerId }] }),
      ),
    ).toBe('forbidden');
    await order.dispute.executeUpdate(acceptDisputeUpdate, { args: [{ userId: input.sellerId }] });
    const state = await order.escrow.result();
    expect(state).toMatchObject({
      status: 'refunded',
      disputeOutcome: { outcome: 'refund', refundAmount: AMOUNT, decidedBy: 'seller' },
    });
    await expectRefundedInFull(input.orderId, input.sellerId, AMOUNT);
    expect(await findDispute(ts.db, disputeIdFor(input.orderId))).toMatchObject({
      status: 'resolved',
      outcome: 'refund',
      refundAmount: BigInt(AMOUNT),
    });
  });

  it('the seller stays silent for 3 days: resolved for the buyer', async () => {
    const order = await disputedOrder();
    const state = await order.escrow.result();
    expect(state.disputeOutcome).toMatchObject({ outcome: 'refund', decidedBy: 'seller_silence' });
    const { startTime, closeTime } = await order.dispute.describe();
    expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(3 * DAY);
    await expectRefundedInFull(order.input.orderId, order.input.sellerId, AMOUNT);
  });

  it('contested, an operator refunds and the returned item is restocked; audited', async () => {
    const order = await disputedOrder();
    const { input } = order;
    await contest(order);
    await order.dispute.executeUpdate(addEvidenceUpdate, {
      args: [{ userId: input.buyerId, text: 'The box was empty' }],
    });
    expect((await findListing(ts.db, input.listingId))?.available).toBe(2);
    await order.dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_ann', outcome: 'refund', restock: true }],
    });
    expect((await order.escrow.result()).status).toBe('refunded');
    await expectRefundedInFull(input.orderId, input.sellerId, AMOUNT);
    expect((await findListing(ts.db, input.listingId))?.available).toBe(3);
    const audit = await ts.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, disputeIdFor(input.orderId)));
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: 'op_ann',
        action: 'dispute.resolve',
        data: expect.objectContaining({ outcome: 'refund', restock: true }),
      }),
    ]);
  });

  it('contested, an operator releases: the seller is paid minus the fee, nothing refunded', async () => {
    const order = await disputedOrder();
    const { input } = order;
    await contest(order);
    await order.dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_bo', outcome: 'release' }],
    });
    expect((await order.escrow.result()).status).toBe('completed');
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(
      BigInt(AMOUNT - feeFor(AMOUNT, 1000)),
    );
    expect(await accountBalance(ts.db, `escrow:${input.orderId}`, 'EUR')).toBe(0n);
    expect(await intentOf(input.orderId)).toMatchObject({ amountRefunded: 0 });
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('completed');
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('an operator splits: partial refund at the provider, the rest to the seller minus its fee', async () => {
    const order = await disputedOrder();
    const { input } = order;
    await contest(order);
    for (const refundAmount of [0, AMOUNT, AMOUNT + 1, 12.5, undefined]) {
      expect(
        await rejectionType(
          order.dispute.executeUpdate(resolveDisputeUpdate, {
            args: [{ operatorId: 'op_cy', outcome: 'split', refundAmount }],
          }),
        ),
      ).toBe('invalid_state');
    }
    await order.dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_cy', outcome: 'split', refundAmount: 3_001 }],
    });
    expect((await order.escrow.result()).status).toBe('split');
    const sellerPart = AMOUNT - 3_001;
    const fee = feeFor(sellerPart, 1000);
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(
      BigInt(sellerPart - fee),
    );
    expect(await accountBalance(ts.db, `escrow:${input.orderId}`, 'EUR')).toBe(0n);
    expect(await intentOf(input.orderId)).toMatchObject({ amountCaptured: AMOUNT, amountRefunded: 3_001 });
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('split');
    expect(await findDispute(ts.db, disputeIdFor(input.orderId))).toMatchObject({
      outcome: 'split',
      refundAmount: 3_001n,
    });
    // Closed disputes take no more evidence (the workflow is gone, the API answers 409 from the row).
    await expect(
      order.dispute.executeUpdate(addEvidenceUpdate, { args: [{ userId: input.buyerId, text: 'late' }] }),
    ).rejects.toThrow();
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('a provider chargeback on a paid order opens a dispute; the money already went back, so no second refund', async () => {
    const order = await paidOrder();
    const { input } = order;
    await order.escrow.signal(chargebackSignal, { providerEventId: 'evt_cb_1', reason: 'fraudulent' });
    const state = await order.escrow.result();
    expect(state).toMatchObject({ status: 'refunded', disputeOutcome: { outcome: 'refund' } });
    expect(await findDispute(ts.db, disputeIdFor(input.orderId))).toMatchObject({
      reason: 'chargeback',
      openedBy: 'provider',
      status: 'resolved',
    });
    await expectRefundedInFull(input.orderId, input.sellerId, 0);
  });

  it('escalates to operators once the 7-day SLA passes, and still takes their decision', async () => {
    const order = await disputedOrder();
    const { input } = order;
    await contest(order);
    await ts.env.sleep(7 * DAY + 60_000); // skips exactly past the SLA (result() would skip on forever)
    await eventually(
      async () => (await findDispute(ts.db, disputeIdFor(input.orderId)))?.status === 'escalated',
    );
    const inbox = await ts.db.select().from(notifications).where(eq(notifications.userId, OPERATOR_INBOX));
    expect(inbox.filter((n) => n.orderId === input.orderId)).toEqual([
      expect.objectContaining({ type: 'dispute.escalated' }),
    ]);
    expect(await order.dispute.query('status')).toMatchObject({ status: 'escalated', escalated: true });

    await order.dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_dee', outcome: 'release' }],
    });
    expect((await order.escrow.result()).status).toBe('completed');
    const { startTime, closeTime } = await order.dispute.describe();
    expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(7 * DAY);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('a chargeback while the buyer’s dispute is open settles it: no second refund, nothing released to the seller', async () => {
    const order = await disputedOrder();
    const { input } = order;
    await contest(order);
    const providerEventId = await chargebackAtProvider(input.orderId);
    await order.escrow.signal(chargebackSignal, { providerEventId, reason: 'fraudulent' });
    const state = await order.escrow.result();
    expect(state).toMatchObject({
      status: 'refunded',
      disputeOutcome: { outcome: 'refund', refundAmount: AMOUNT, decidedBy: 'chargeback' },
    });
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('refunded');
    expect(await findDispute(ts.db, disputeIdFor(input.orderId))).toMatchObject({
      status: 'resolved',
      outcome: 'refund',
      refundAmount: BigInt(AMOUNT),
    });
    await expectChargedBack(input.orderId, input.sellerId);
    // The operator comes too late: the dispute is closed.
    await expect(
      order.dispute.executeUpdate(resolveDisputeUpdate, {
        args: [{ operatorId: 'op_x', outcome: 'release' }],
      }),
    ).rejects.toThrow();
  });

  it('a chargeback arriving while a shipment is being recorded is not lost', async () => {
    const { input, escrow } = await paidOrder();
    const providerEventId = await chargebackAtProvider(input.orderId);
    // Accepted first: the workflow is recording the shipment when the chargeback comes in.
    const shipping = await escrow.startUpdate(shipUpdate, {
      args: [{ userId: input.sellerId, carrier: 'DHL', trackingNumber: 'JJD43' }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await escrow.signal(chargebackSignal, { providerEventId, reason: 'fraudulent' });
    expect((await shipping.result()).status).toBe('shipped');
    const state = await escrow.result();
    expect(state).toMatchObject({ status: 'refunded', disputeOutcome: { outcome: 'refund' } });
    expect(await findDispute(ts.db, disputeIdFor(input.orderId))).toMatchObject({ reason: 'chargeback' });
    await expectChargedBack(input.orderId, input.sellerId);
  });

  it('a cancel refund meeting a chargeback whose webhook is late: the bank’s refund counts, none is sent twice', async () => {
    const { input, escrow } = await paidOrder();
    const providerEventId = await chargebackAtProvider(input.orderId);
    const state = await escrow.executeUpdate(cancelUpdate, { args: [{ userId: input.buyerId }] });
    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'buyer' });
    // The webhook arrives after all: the order is final, nothing more moves.
    await escrow.signal(chargebackSignal, { providerEventId }).catch(() => undefined);
    expect((await escrow.result()).status).toBe('cancelled');
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('cancelled');
    await expectChargedBack(input.orderId, input.sellerId);
    expect((await findListing(ts.db, input.listingId))?.available).toBe(3);
  });

  it('a dispute a chargeback opened resolves only as a refund: nothing released that the bank took back', async () => {
    const order = await paidOrder();
    const { input } = order;
    const providerEventId = await chargebackAtProvider(input.orderId);
    await order.escrow.signal(chargebackSignal, { providerEventId, reason: 'fraudulent' });
    await eventually(async () => (await findOrder(ts.db, input.orderId))?.status === 'disputed');
    for (const outcome of ['release', 'split'] as const) {
      expect(
        await rejectionType(
          order.dispute.executeUpdate(resolveDisputeUpdate, {
            args: [{ operatorId: 'op_cb', outcome, ...(outcome === 'split' && { refundAmount: 1_000 }) }],
          }),
        ),
      ).toBe('invalid_state');
    }
    await order.dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_cb', outcome: 'refund' }],
    });
    expect(await order.escrow.result()).toMatchObject({ status: 'refunded' });
    await expectChargedBack(input.orderId, input.sellerId);
  });
});
