/**
 * Issue 23's findings, each a test that failed on the code before its fix (the 1.0 baseline): a
 * message meeting the order's workflow at a moment no test produced before. Money is asserted at the
 * provider and in the ledger (kit.money), not only the order's status.
 */
import { describe, expect, it } from 'vitest';
import { UPDATE_REJECTIONS } from '../../domain/failures.js';
import { accounts, lateChargebackWorkflowId } from '../../domain/ids.js';
import { feeFor } from '../../domain/money.js';
import { DAY, type OrderDriver, refusal, until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

const AMOUNT = 10_000;
const intent = (order: OrderDriver) => kit.provider.intentsOf(order.orderId)[0]!;
const seller = (order: OrderDriver) => kit.ledger.balance(`seller_available:${order.input.sellerId}`);
/** The order's dispute run is running (a run of its own after a terminated one). */
const disputeRunning = (order: OrderDriver) =>
  until(() =>
    order.dispute.handle.describe().then(
      (d) => d.status.name === 'RUNNING',
      () => false,
    ),
  );

async function contestedDispute(): Promise<OrderDriver> {
  const order = await kit.shippedOrder({ amount: AMOUNT });
  await order.openDispute();
  await order.dispute.evidence(order.input.sellerId, 'Delivered, signed for');
  return order;
}

describe('money safety, round 3 (kit)', () => {
  it('1: a dispute workflow that fails without a decision does not fail the order: it runs again, an operator decides', async () => {
    const order = await contestedDispute();
    // Recording the operator's decision is refused for good: the dispute workflow fails.
    kit.faults.failNext('recordDisputeOutcome', { retryable: false });
    await order.dispute.resolve({ outcome: 'refund' }).catch(() => undefined);
    expect((await order.dispute.handle.describe()).status.name).toBe('FAILED');

    // The order's workflow holds the money and starts the dispute again a minute later.
    await kit.skip(2 * 60_000);
    await disputeRunning(order);
    await order.dispute.evidence(order.input.sellerId, 'Delivered, signed for (again)');
    await order.dispute.resolve({ outcome: 'release' });

    expect(await order.result()).toMatchObject({
      status: 'completed',
      disputeOutcome: { outcome: 'release' },
    });
    expect(seller(order)).toBe(BigInt(AMOUNT - feeFor(AMOUNT, order.input.escrow.feeBps)));
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('1: a chargeback of everything after the dispute failed settles the order as refunded, the bank’s money counted once', async () => {
    const order = await contestedDispute();
    kit.faults.failNext('recordDisputeOutcome', { retryable: false });
    await order.dispute.resolve({ outcome: 'release' }).catch(() => undefined);
    await order.chargeback();

    expect(await order.result()).toMatchObject({
      status: 'refunded',
      disputeOutcome: { refundAmount: AMOUNT },
    });
    expect(intent(order)).toMatchObject({ amountRefunded: 0, amountDisputed: AMOUNT });
    expect(seller(order)).toBe(0n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('2: a partial chargeback (4,000 of 10,000) on a shipped order refunds exactly the rest once the dispute it opens is decided for the buyer', async () => {
    const order = await kit.shippedOrder({ amount: AMOUNT });
    await order.chargeback({ amount: 4_000 });
    await disputeRunning(order);
    await order.dispute.accept();

    expect(await order.result()).toMatchObject({
      status: 'refunded',
      disputeOutcome: { refundAmount: AMOUNT },
    });
    // The bank returned 4,000, the provider the other 6,000: the buyer has 10,000 back, once.
    expect(intent(order)).toMatchObject({
      amountCaptured: AMOUNT,
      amountDisputed: 4_000,
      amountRefunded: 6_000,
    });
    expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(0n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('2: a partial chargeback during the buyer’s dispute leaves the rest to the operator: a split of what the bank took, the rest released', async () => {
    const order = await contestedDispute();
    await order.chargeback({ amount: 4_000 });
    // The dispute has it before the operator decides (the decision is then bounded by it).
    await until(async () => (await order.dispute.status()).chargedBack === 4_000);
    await order.dispute.resolve({ outcome: 'split', refundAmount: 4_000 });

    expect(await order.result()).toMatchObject({ status: 'split', disputeOutcome: { refundAmount: 4_000 } });
    expect(intent(order)).toMatchObject({ amountDisputed: 4_000, amountRefunded: 0 });
    const rest = AMOUNT - 4_000;
    expect(seller(order)).toBe(BigInt(rest - feeFor(rest, order.input.escrow.feeBps)));
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('2: an operator may not give the buyer less than a partial chargeback took back', async () => {
    const order = await contestedDispute();
    await order.chargeback({ amount: 4_000 });
    await until(async () => (await order.dispute.status()).chargedBack === 4_000);
    await expect(order.dispute.resolve({ outcome: 'release' })).rejects.toThrow();
    await expect(order.dispute.resolve({ outcome: 'split', refundAmount: 3_999 })).rejects.toThrow();
    await order.dispute.resolve({ outcome: 'refund' });
    expect(await order.result()).toMatchObject({ status: 'refunded' });
    expect(intent(order)).toMatchObject({ amountDisputed: 4_000, amountRefunded: 6_000 });
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('2: a partial chargeback as the escrow releases takes back only what the bank took, from the seller and the fee in proportion', async () => {
    const order = await kit.shippedOrder({ amount: AMOUNT });
    await order.confirmDelivery();
    // The release's posting is held: the chargeback (4,000 of 10,000) comes in while it is booked.
    const releasing = kit.faults.hold('postLedger');
    const windowPasses = kit.skip(3 * DAY + 60_000);
    await releasing.entered;
    await order.chargeback({ amount: 4_000 });
    releasing.release();
    await windowPasses;

    expect(await order.result()).toMatchObject({ status: 'completed' });
    const fee = feeFor(AMOUNT, order.input.escrow.feeBps);
    const feeBack = Math.floor((4_000 * fee) / AMOUNT);
    expect(seller(order)).toBe(BigInt(AMOUNT - fee - (4_000 - feeBack)));
    expect(kit.ledger.balance('platform_fees', order.input.currency)).toBeGreaterThanOrEqual(0n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('3: a cancel while the authorization is in flight voids the hold the provider placed meanwhile', async () => {
    const input = await kit.placeOrder({ amount: AMOUNT });
    const authorizing = kit.faults.hold('authorizePayment');
    const order = await kit.start(input);
    await authorizing.entered;
    expect(await order.cancelPurchase()).toEqual({ outcome: 'cancelling' });
    authorizing.release();

    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    // The provider authorized after the cancel came in: that hold is voided, not left on the card.
    expect(intent(order)).toMatchObject({ status: 'voided', amountCaptured: 0 });
    expect(kit.inputsOf('voidAuthorization')).toHaveLength(1);
    expect(kit.stock.reservation(order.orderId)?.status).toBe('released');
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });
});

describe('money safety, found by the simulator (npm run simulate -- --seeds 2000)', () => {
  it('seed 1483: a chargeback webhook handed on again after the order closed takes nothing the order already counted', async () => {
    const order = await kit.shippedOrder({ amount: AMOUNT });
    const chargeback = await order.chargeback({ amount: 4_000 });
    await until(() => kit.orders.status(order.orderId) === 'disputed');
    await order.dispute.resolve({ outcome: 'split', refundAmount: 6_000 });
    expect(await order.result()).toMatchObject({ status: 'split' });
    const sellerAfterSplit = seller(order);

    // The API's first delivery reached the workflow but was not marked processed (a crash): the
    // provider delivers it again and, the order's workflow closed, a late chargeback starts.
    await order.chargebackWebhook(chargeback);
    const late = kit.env.client.workflow.getHandle(
      lateChargebackWorkflowId({ providerEventId: chargeback.providerEventId }),
    );
    expect(await late.result()).toEqual({ recovered: 0 });
    await kit.recordHistory('lateChargeback-already-counted', late.workflowId);
    expect(seller(order)).toBe(sellerAfterSplit);
    expect(intent(order)).toMatchObject({ amountDisputed: 4_000, amountRefunded: 2_000 });
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('seed 1483: a second chargeback after the release is still recovered, the first not counted twice', async () => {
    const order = await kit.shippedOrder({ amount: AMOUNT });
    await order.confirmDelivery();
    await kit.skip(3 * DAY + 60_000);
    expect(await order.result()).toMatchObject({ status: 'completed' });
    const first = await order.chargeback({ amount: 3_000 });
    const late = (providerEventId: string) =>
      kit.env.client.workflow.getHandle(lateChargebackWorkflowId({ providerEventId })).result();
    expect(await late(first.providerEventId)).toEqual({ recovered: 3_000 });
    const second = await order.chargeback({ amount: 2_000 });
    expect(await late(second.providerEventId)).toEqual({ recovered: 2_000 });
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('two events for one chargeback after the release, handled at once: the money is recovered once', async () => {
    const order = await kit.shippedOrder({ amount: AMOUNT });
    await order.confirmDelivery();
    await kit.skip(3 * DAY + 60_000);
    expect(await order.result()).toMatchObject({ status: 'completed' });
    const sellerAfterRelease = seller(order);
    // The provider announces the chargeback twice under distinct event ids (created, funds withdrawn).
    const taken = await order.chargeback({ amount: 5_000, webhook: false });
    const events = [taken, { ...taken, providerEventId: `${taken.providerEventId}_funds_withdrawn` }];
    await Promise.all(events.map((event) => order.chargebackWebhook(event)));
    // Awaited without skipping time: they end without a timer, and two skipping waits at once let the
    // test server skip past a workflow task's timeout (`npm run test:skip-windows` showed it).
    const recovered = await Promise.all(
      events.map((event) => kit.client.workflow.getHandle(lateChargebackWorkflowId(event)).result()),
    );
    expect(recovered.map((r) => r.recovered).sort()).toEqual([0, 5_000]);
    // 5,000 of the 10,000 paid back by the seller's share and the fee in proportion, once.
    expect(kit.ledger.movement(order.orderId, accounts.refunds)).toBe(5_000n);
    const feePart = (5_000n * BigInt(feeFor(AMOUNT, order.input.escrow.feeBps))) / BigInt(AMOUNT);
    expect(sellerAfterRelease - seller(order)).toBe(5_000n - feePart);
    expect(kit.money.violations(order.orderId)).toEqual([]);
    await kit.recordHistory('lateChargeback-recovered-under-lock', lateChargebackWorkflowId(events[0]!));
  });

  it('seed 1559: a seller’s accept taken as the dispute fails without a decision is answered (try again), not left hanging', async () => {
    const order = await kit.shippedOrder({ amount: AMOUNT });
    await order.chargeback();
    await until(() => kit.orders.status(order.orderId) === 'disputed');
    // Recording the decision is refused for good: the dispute workflow fails after taking the accept.
    kit.faults.failNext('recordDisputeOutcome', { retryable: false });

    expect(await refusal(order.dispute.accept())).toMatchObject({ type: UPDATE_REJECTIONS.unavailable });
    expect((await order.dispute.handle.describe()).status.name).toBe('FAILED');
    await kit.recordHistory('dispute-failed-after-accept', order.dispute.handle.workflowId);
    // The bank took everything: the order settles as refunded without the dispute.
    expect(await order.result()).toMatchObject({ status: 'refunded' });
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });
});
