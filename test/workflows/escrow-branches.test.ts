/**
 * Escrow's branches on the time-skipping test server with fake activities (test/support/fake-
 * activities.ts): the real workflow code, no PostgreSQL, Redis or sandbox. Each test asserts what the
 * workflow asked for (calls, their arguments and queues) and where it ended; the real-stack versions
 * (escrow, dispute, carrier tests) prove the activities do what is asked.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disputeIdFor } from '../../domain/dispute.js';
import { PROVIDER_REFUSALS, UPDATE_REJECTIONS } from '../../domain/failures.js';
import { disputeWorkflowId, escrowWorkflowId } from '../../domain/ids.js';
import { balanceOf, refundLines } from '../../domain/ledger.js';
import type { PurchaseInput } from '../../domain/purchase.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { resolveDisputeUpdate } from '../../workflows/dispute.js';
import {
  cancelUpdate,
  carrierDeliveredSignal,
  chargebackSignal,
  confirmDeliveryUpdate,
  escrowStatusQuery,
  escrowWorkflow,
  openDisputeUpdate,
  shipUpdate,
} from '../../workflows/escrow.js';
import { purchaseStatusQuery, purchaseWorkflow, purchaseWorkflowId } from '../../workflows/purchase.js';
import { type FakeTimeSkipping, startFakeTimeSkipping } from '../support/fake-activities.js';
import { DAY, DEFAULT_TIMERS } from '../support/fixtures.js';
import { payOrder } from '../support/paid-order.js';

// A fresh server per test: after one skipped result() the Java test server may stop skipping.
let ts: FakeTimeSkipping;
beforeEach(async () => {
  ts = await startFakeTimeSkipping();
});
afterEach(async () => {
  await ts.stop();
});

let seq = 0;
function orderInput(overrides: Partial<PurchaseInput> = {}): PurchaseInput {
  seq += 1;
  const id = `ord_fake${seq}_${Date.now().toString(36)}`;
  return {
    orderId: id,
    listingId: `lst_${id}`,
    buyerId: `buyer_${id}`,
    sellerId: `seller_${id}`,
    quantity: 1,
    amount: 10_000,
    currency: 'EUR',
    paymentMethod: 'pm_card_ok',
    escrow: { feeBps: 1000, timers: DEFAULT_TIMERS },
    ...overrides,
  };
}

async function paidOrder(overrides: Partial<PurchaseInput> = {}) {
  const input = orderInput(overrides);
  const { paid, order } = await payOrder(ts, input);
  expect(paid).toMatchObject({ status: 'paid', paymentIntentId: `pi_${input.orderId}` });
  return { input, order, key: (step: string) => `${escrowWorkflowId(input)}:${step}` };
}

async function shippedOrder(overrides: Partial<PurchaseInput> = {}) {
  const paid = await paidOrder(overrides);
  const shipped = await paid.order.executeUpdate(shipUpdate, {
    args: [{ userId: paid.input.sellerId, carrier: 'DHL', trackingNumber: 'JJD42' }],
  });
  expect(shipped).toMatchObject({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JJD42' });
  return paid;
}

/** The status changes the workflow asked for, as `to` (its outbox notices' types beside). */
const statusChanges = () =>
  ts.fakes
    .inputsOf('setOrderStatus')
    .map((s) => [s.to, ...(s.notify ?? []).map((n: { type: string }) => n.type)].join(' '));

/** Server time from the workflow's start to its close: what the skipped timers add up to. */
async function runningTimeMs(handle: { describe(): Promise<{ startTime: Date; closeTime?: Date }> }) {
  const { startTime, closeTime } = await handle.describe();
  return (closeTime?.getTime() ?? Number.NaN) - startTime.getTime();
}

async function rejection(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return { type: (cause as ApplicationFailure).type, message: (cause as ApplicationFailure).message };
}

async function until<T>(check: () => Promise<T | false | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('escrow branches with fake activities (time-skipping)', () => {
  it('ship-by deadline: refund at the provider, balanced refund posting, restock, cancelled', async () => {
    const { input, order, key } = await paidOrder();
    const state = await order.result();

    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'ship_by_deadline', deadlines: {} });
    expect(await runningTimeMs(order)).toBeGreaterThanOrEqual(3 * DAY);
    const [refund, ...again] = ts.fakes.calls.filter((c) => c.name === 'refundPayment');
    expect(again).toEqual([]);
    // On the payments queue, under the provider's rate limit; keyed by the escrow, never the order.
    expect(refund).toMatchObject({ queue: TASK_QUEUES.payments, local: false });
    expect(refund!.input).toEqual({
      idempotencyKey: key('refund'),
      orderId: input.orderId,
      intentId: `pi_${input.orderId}`,
      amount: 10_000,
      currency: 'EUR',
    });
    const posting = ts.fakes.posting(key('refund'));
    expect(posting?.lines).toEqual(refundLines(input));
    expect([...balanceOf(posting!.lines).values()]).toEqual([0n]);
    expect(ts.fakes.balance(`escrow:${input.orderId}`)).toBe(0n);
    expect(ts.fakes.balance('refunds')).toBe(10_000n);
    expect(ts.fakes.inputsOf('restockOrder')).toEqual([{ orderId: input.orderId }]);
    // Refund, then the books, then the stock, then the status: the order never says cancelled early.
    expect(ts.fakes.effects().slice(-3)).toEqual(['refundPayment', 'postLedger', 'restockOrder']);
    expect(statusChanges().at(-1)).toBe('cancelled order.cancelled order.cancelled');
    expect(ts.fakes.statusOf(input.orderId)).toBe('cancelled');
  });

  it('ship → confirm → release to the seller minus the fee', async () => {
    const { input, order, key } = await shippedOrder();
    // Registered after the update's answer (the `shipped` row): wait for it.
    await until(async () => ts.fakes.inputsOf('registerTracker').length > 0);
    expect(ts.fakes.inputsOf('registerTracker')).toEqual([
      { carrier: 'DHL', trackingNumber: 'JJD42', idempotencyKey: key('tracker') },
    ]);
    const delivered = await order.executeUpdate(confirmDeliveryUpdate, { args: [{ userId: input.buyerId }] });
    expect(delivered).toMatchObject({ status: 'delivered', deliveredBy: 'buyer' });
    expect(delivered.deadlines.disputeWindowEndsAt).toBeDefined();

    const state = await order.result();
    expect(state.status).toBe('completed');
    expect(await runningTimeMs(order)).toBeGreaterThanOrEqual(3 * DAY);
    expect(ts.fakes.posting(key('release'))?.lines).toEqual([
      { account: `escrow:${input.orderId}`, currency: 'EUR', amount: '-10000' },
      { account: `seller_available:${input.sellerId}`, currency: 'EUR', amount: '9000' },
      { account: 'platform_fees', currency: 'EUR', amount: '1000' },
    ]);
    expect(ts.fakes.balance(`escrow:${input.orderId}`)).toBe(0n);
    expect(ts.fakes.inputsOf('refundPayment')).toEqual([]);
    const completed = ts.fakes.inputsOf('setOrderStatus').at(-1);
    expect(completed).toMatchObject({
      to: 'completed',
      from: ['delivered'],
      eventKey: key('status:completed'),
    });
    expect(completed.notify[0].payload).toEqual({ orderId: input.orderId, sellerAmount: 9000, fee: 1000 });
    expect(statusChanges().slice(-3)).toEqual([
      'shipped order.shipped order.shipped',
      'delivered order.delivered order.delivered',
      'completed order.completed order.completed',
    ]);
  });

  it('ship → nobody confirms: the carrier is polled, auto-confirmation after 14 days, then release', async () => {
    const timers = { ...DEFAULT_TIMERS, carrierPollMs: 5 * DAY };
    const { input, order } = await shippedOrder({ escrow: { feeBps: 1000, timers } });
    const state = await order.result();

    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    expect(await runningTimeMs(order)).toBeGreaterThanOrEqual(17 * DAY);
    // Polls at 5 and 10 days found the parcel in transit: nothing recorded, the timer decided.
    const polls = ts.fakes.calls.filter((c) => c.name === 'getTracking');
    expect(polls.map((p) => p.queue)).toEqual([TASK_QUEUES.carriers, TASK_QUEUES.carriers]);
    expect(ts.fakes.inputsOf('recordCarrierEvent')).toEqual([]);
    const delivered = ts.fakes.inputsOf('setOrderStatus').find((s) => s.to === 'delivered');
    expect(delivered.notify[0].payload).toEqual({ orderId: input.orderId, deliveredBy: 'timer' });
    expect(ts.fakes.balance(`seller_available:${input.sellerId}`)).toBe(9000n);
  });

  it("the carrier's delivery signal confirms like the buyer", async () => {
    const { input, order } = await shippedOrder();
    const occurredAt = new Date(Date.now() + 60_000).toISOString();
    await order.signal(carrierDeliveredSignal, { eventId: 'cev_1', occurredAt, source: 'webhook' });
    const delivered = await until(async () => {
      const s = await order.query(purchaseStatusQuery);
      return s.status === 'delivered' && s;
    });
    expect(delivered).toMatchObject({ deliveredBy: 'carrier', carrierEventId: 'cev_1' });
    const change = ts.fakes.inputsOf('setOrderStatus').find((s) => s.to === 'delivered');
    expect(change.notify[1].payload).toEqual({
      orderId: input.orderId,
      deliveredBy: 'carrier',
      carrierEventId: 'cev_1',
    });
    expect((await order.result()).status).toBe('completed');
  });

  it('a dispute starts the dispute workflow as a child; its split decision is settled', async () => {
    const { input, order, key } = await shippedOrder();
    const disputed = await order.executeUpdate(openDisputeUpdate, {
      args: [{ userId: input.buyerId, reason: 'not_received', description: 'Nothing came' }],
    });
    expect(disputed).toMatchObject({ status: 'disputed', disputeId: disputeIdFor(input.orderId) });
    expect(ts.fakes.inputsOf('openDisputeRecord')).toEqual([
      {
        disputeId: disputed.disputeId,
        orderId: input.orderId,
        openedBy: input.buyerId,
        reason: 'not_received',
        description: 'Nothing came',
      },
    ]);
    const dispute = ts.env.client.workflow.getHandle(disputeWorkflowId(input));
    const child = await dispute.describe();
    expect(child.type).toBe('disputeWorkflow');
    expect(child.parentExecution?.workflowId).toBe(purchaseWorkflowId(input));

    await dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_1', outcome: 'split', refundAmount: 4000 }],
    });
    const state = await order.result();
    expect(state).toMatchObject({
      status: 'split',
      disputeOutcome: { outcome: 'split', refundAmount: 4000 },
    });
    expect(ts.fakes.inputsOf('refundPayment')).toEqual([
      expect.objectContaining({ idempotencyKey: key('dispute-refund'), amount: 4000 }),
    ]);
    // The seller gets the rest minus the fee on the rest: 6000 - 600.
    expect(ts.fakes.posting(key('dispute-settlement'))?.lines).toEqual([
      { account: `escrow:${input.orderId}`, currency: 'EUR', amount: '-10000' },
      { account: 'refunds', currency: 'EUR', amount: '4000' },
      { account: `seller_available:${input.sellerId}`, currency: 'EUR', amount: '5400' },
      { account: 'platform_fees', currency: 'EUR', amount: '600' },
    ]);
    expect(ts.fakes.inputsOf('recordDisputeOutcome')).toHaveLength(1);
    expect(statusChanges().at(-1)).toBe('split order.dispute_resolved order.dispute_resolved');
  });

  it('a chargeback opens the dispute itself and settles without a refund at the provider', async () => {
    const { input, order, key } = await shippedOrder();
    await order.signal(chargebackSignal, { providerEventId: 'evt_cb_1', reason: 'fraudulent' });
    const state = await order.result();

    expect(state).toMatchObject({
      status: 'refunded',
      disputeOutcome: { outcome: 'refund', refundAmount: 10_000, decidedBy: 'chargeback' },
    });
    expect(ts.fakes.inputsOf('openDisputeRecord')).toEqual([
      expect.objectContaining({
        openedBy: 'provider',
        reason: 'chargeback',
        description: 'chargeback evt_cb_1: fraudulent',
      }),
    ]);
    // The bank already returned the money: refunding it again would pay the buyer twice.
    expect(ts.fakes.inputsOf('refundPayment')).toEqual([]);
    expect(ts.fakes.posting(key('dispute-settlement'))?.lines).toEqual(refundLines(input));
    expect(ts.fakes.balance(`seller_available:${input.sellerId}`)).toBe(0n);
  });

  it('a buyer cancels before shipment: refunded and restocked at once', async () => {
    const { input, order, key } = await paidOrder();
    const forbidden = await rejection(
      order.executeUpdate(cancelUpdate, { args: [{ userId: 'someone_else' }] }),
    );
    expect(forbidden.type).toBe(UPDATE_REJECTIONS.forbidden);
    const state = await order.executeUpdate(cancelUpdate, { args: [{ userId: input.buyerId }] });

    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'buyer' });
    expect(ts.fakes.inputsOf('refundPayment')).toEqual([
      expect.objectContaining({ idempotencyKey: key('refund'), amount: 10_000 }),
    ]);
    expect(ts.fakes.posting(key('refund'))?.lines).toEqual(refundLines(input));
    expect(ts.fakes.inputsOf('restockOrder')).toEqual([{ orderId: input.orderId }]);
    expect(ts.fakes.statusOf(input.orderId)).toBe('cancelled');
  });

  it('an escrow update is refused while the order is still paying, and taken once it is paid', async () => {
    let capture!: () => void;
    ts.fakes.on('capturePayment', () => new Promise<void>((resolve) => (capture = resolve)));
    const input = orderInput();
    const order = await ts.steadyClient.workflow.start(purchaseWorkflow, {
      workflowId: purchaseWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    await until(async () => ts.fakes.calls.some((c) => c.name === 'capturePayment'));
    const ship = { userId: input.sellerId, carrier: 'DHL', trackingNumber: 'JJD7' };

    const refused = await rejection(order.executeUpdate(shipUpdate, { args: [ship] }));
    expect(refused).toEqual({ type: UPDATE_REJECTIONS.invalidState, message: 'the order is authorized' });
    expect(ts.fakes.statusOf(input.orderId)).toBe('authorized');
    capture();
    await until(async () => ts.fakes.statusOf(input.orderId) === 'paid');
    expect((await order.executeUpdate(shipUpdate, { args: [ship] })).status).toBe('shipped');
  });

  it('a refund the provider refuses as charge_disputed counts as the chargeback', async () => {
    ts.fakes.on('refundPayment', async () => {
      throw ApplicationFailure.create({
        type: PROVIDER_REFUSALS.chargeDisputed,
        message: 'the charge is disputed',
        nonRetryable: true,
      });
    });
    const { input, order, key } = await shippedOrder();
    await order.executeUpdate(openDisputeUpdate, {
      args: [{ userId: input.buyerId, reason: 'not_as_described', description: 'Broken' }],
    });
    const dispute = ts.env.client.workflow.getHandle(disputeWorkflowId(input));
    await dispute.executeUpdate(resolveDisputeUpdate, {
      args: [{ operatorId: 'op_1', outcome: 'split', refundAmount: 4000 }],
    });
    const state = await order.result();

    // Refused once, not retried; the split is booked, and then the seller's 5400 and the fee's 600
    // are taken back: the bank returned the whole payment, not only the refund's part.
    expect(state.status).toBe('split');
    expect(ts.fakes.inputsOf('refundPayment')).toHaveLength(1);
    const recovery = ts.fakes.posting(key('chargeback-recovery'));
    expect(recovery).toBeDefined();
    expect([...balanceOf(recovery!.lines).values()]).toEqual([0n]);
    expect(ts.fakes.balance(`seller_available:${input.sellerId}`)).toBe(0n);
    expect(ts.fakes.balance('platform_fees')).toBe(0n);
  });
});

describe('legacy escrow workflow (escrow-<orderId>, a child of orders paid before one workflow per order)', () => {
  it('writes its own ship-by deadline and sends notifications as activities, then releases', async () => {
    const input = orderInput();
    const escrowInput = {
      orderId: input.orderId,
      buyerId: input.buyerId,
      sellerId: input.sellerId,
      amount: input.amount,
      currency: input.currency,
      intentId: `pi_${input.orderId}`,
      feeBps: 1000,
      timers: DEFAULT_TIMERS,
    };
    // The purchase of before moved the order to paid, then started this child.
    ts.fakes.orderIs(input.orderId, 'paid');
    const escrow = await ts.steadyClient.workflow.start(escrowWorkflow, {
      workflowId: escrowWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [escrowInput],
    });
    const handle = ts.env.client.workflow.getHandle<typeof escrowWorkflow>(escrow.workflowId);
    await escrow.executeUpdate(shipUpdate, {
      args: [{ userId: input.sellerId, carrier: 'UPS', trackingNumber: '1Z9' }],
    });
    await escrow.executeUpdate(confirmDeliveryUpdate, { args: [{ userId: input.buyerId }] });
    expect((await escrow.query(escrowStatusQuery)).status).toBe('delivered');
    expect((await handle.result()).status).toBe('completed');

    const [deadline] = ts.fakes.inputsOf('setOrderStatus');
    expect(deadline).toMatchObject({
      from: ['paid'],
      to: 'paid',
      eventKey: `${escrow.workflowId}:deadline:shipBy`,
    });
    expect(ts.fakes.inputsOf('setOrderStatus').every((s) => s.notify === undefined)).toBe(true);
    const notices = ts.fakes.calls.filter((c) => c.name === 'notify');
    expect(new Set(notices.map((n) => n.queue))).toEqual(new Set([TASK_QUEUES.notifications]));
    // Both parties' notices of a change are sent together: their order within a change is the workers'.
    expect(notices.map((n) => `${n.input.type} ${n.input.userId}`).sort()).toEqual(
      ['completed', 'delivered', 'shipped'].flatMap((e) => [
        `order.${e} ${input.buyerId}`,
        `order.${e} ${input.sellerId}`,
      ]),
    );
    expect(notices[0]!.input.dedupeKey).toMatch(new RegExp(`^${escrow.workflowId}:notify:`));
    expect(ts.fakes.balance(`seller_available:${input.sellerId}`)).toBe(9000n);
  });
});
