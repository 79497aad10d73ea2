/**
 * The purchase saga's compensation branches on the kit (test/kit/): every failure before `paid` gives
 * the stock back and leaves no money taken and no hold on the card; a cancel once paid is the escrow's
 * business. Faults are the kit's: a held capture, a refused last write, a lost answer, an outage.
 */
import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../../db/queries/orders.js';
import { OTHER_FAILURE_TYPES } from '../../domain/failures.js';
import { until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

/** Failed with `reason`: nothing held in stock or escrow, nothing kept by the provider, no card hold. */
function expectFailedAndCompensated(orderId: string, listingId: string, reason: string, stock = 3) {
  expect(kit.orders.row(orderId)).toMatchObject({ status: 'failed', failureReason: reason });
  expect(kit.stock.available(listingId)).toBe(stock);
  expect(kit.stock.reservation(orderId)?.status ?? 'none').not.toBe('held');
  expect(kit.ledger.balance(`escrow:${orderId}`)).toBe(0n);
  expect(kit.money.of(orderId)).toMatchObject({ providerKept: 0, holds: [] });
  expect(kit.money.violations(orderId)).toEqual([]);
  expect(kit.notifications.forOrder(orderId, 'order.failed')).toEqual([
    expect.objectContaining({ payload: { orderId, failureReason: reason }, via: 'outbox' }),
  ]);
}

describe('purchase saga compensations (kit)', () => {
  it('out of stock at the reserve step: nothing reserved, nothing charged', async () => {
    const order = await kit.startOrder({ quantity: 4, stock: 3, reserved: false });
    expect(await order.result()).toEqual({
      orderId: order.orderId,
      status: 'failed',
      failureReason: 'out_of_stock',
    });
    expectFailedAndCompensated(order.orderId, order.input.listingId, 'out_of_stock');
    expect(kit.stock.reservation(order.orderId)).toBeUndefined();
    expect(kit.provider.intentsOf(order.orderId)).toEqual([]);
  });

  it('a listing that is gone: listing_unavailable, nothing charged', async () => {
    const order = await kit.startOrder({ reserved: false });
    kit.faults.replace('reserveInventory', (input, real) => real({ ...input, listingId: 'lst_gone' }));
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'listing_unavailable' });
    expect(kit.provider.intentsOf(order.orderId)).toEqual([]);
  });

  for (const method of ['pm_card_declined', 'pm_card_insufficient_funds', 'pm_card_fraudulent']) {
    it(`${method}: the reservation is released, no money moves`, async () => {
      const order = await kit.startOrder({ paymentMethod: method, quantity: 2 });
      expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'payment_declined' });
      expectFailedAndCompensated(order.orderId, order.input.listingId, 'payment_declined');
      expect(kit.stock.reservation(order.orderId)?.status).toBe('released');
      expect(kit.provider.intentsOf(order.orderId)).toEqual([]);
    });
  }

  it('capture refused: the authorization is voided at the provider and the stock comes back', async () => {
    const order = await kit.startOrder({ paymentMethod: 'pm_card_capture_fails' });
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'capture_failed' });
    expectFailedAndCompensated(order.orderId, order.input.listingId, 'capture_failed');
    expect(kit.provider.intentsOf(order.orderId)).toMatchObject([{ status: 'voided', amountCaptured: 0 }]);
    expect(
      kit.records
        .all()
        .filter((r) => r.orderId === order.orderId)
        .map((r) => r.kind),
    ).toEqual(['authorization', 'void']);
  });

  it('cancelled while the capture is in flight: the capture is refunded, every compensation runs', async () => {
    // The provider takes the money; its answer comes only after the workflow stopped waiting for it.
    const capture = kit.faults.hold('capturePayment', { afterEffect: true });
    const order = await kit.startOrder();
    await capture.entered;
    await order.handle.cancel();

    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    capture.release();
    expectFailedAndCompensated(order.orderId, order.input.listingId, 'cancelled');
    // The void was refused (captured already): the capture was refunded instead.
    expect(kit.provider.intentsOf(order.orderId)).toMatchObject([
      { status: 'captured', amountCaptured: 10_000, amountRefunded: 10_000 },
    ]);
  });

  it('a party cancels while the first step runs: the stock the order took comes back', async () => {
    // The API took the stock with the order row; the step's reserve only finds it taken.
    const reserve = kit.faults.hold('reserveInventory');
    const order = await kit.startOrder();
    await reserve.entered;
    // The fraud screen runs beside the reserve and the move, not after them.
    expect(kit.inputsOf('screenPurchase').map((s) => s.orderId)).toContain(order.orderId);
    expect(await order.cancelPurchase()).toEqual({ outcome: 'cancelling' });

    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    reserve.release();
    expectFailedAndCompensated(order.orderId, order.input.listingId, 'cancelled');
    expect(kit.stock.reservation(order.orderId)?.status).toBe('released');
    expect(kit.provider.intentsOf(order.orderId)).toEqual([]);
    await kit.recordHistory('purchase-cancelled-in-first-step', order.workflowId);
  });

  it('a party cancels while the purchase waits for its fraud review: it stops and fails as cancelled', async () => {
    const order = await kit.startOrder({ amount: 600_000 });
    await until(async () => (await order.status()).fraud?.decision === 'review');
    expect(await order.cancelPurchase()).toEqual({ outcome: 'cancelling' });

    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    expectFailedAndCompensated(order.orderId, order.input.listingId, 'cancelled');
    expect(kit.provider.intentsOf(order.orderId)).toEqual([]);
  });

  it('a party cancels once the capture is sent: the purchase finishes and says paid', async () => {
    const capture = kit.faults.hold('capturePayment');
    const order = await kit.startOrder();
    await capture.entered;
    const answer = order.cancelPurchase(order.input.sellerId);
    capture.release();
    // The money may be taken: the caller cancels the paid order through the escrow (refund, restock).
    expect(await answer).toEqual({ outcome: 'paid' });
    expect(await order.cancel(order.input.sellerId)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'seller',
    });
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a cancel once paid reaches neither the escrow nor the money: the escrow keeps running', async () => {
    const order = await kit.paidOrder();
    await order.handle.cancel();
    // The workflow takes the cancel request in a workflow task, and goes on holding the money.
    const events = await until(async () => {
      const history = (await order.handle.fetchHistory()).events ?? [];
      const requested = history.findIndex((e) => e.workflowExecutionCancelRequestedEventAttributes);
      const handled = history.some((e, i) => i > requested && e.workflowTaskCompletedEventAttributes);
      return requested >= 0 && handled && history;
    });
    expect(events.filter((e) => e.activityTaskCancelRequestedEventAttributes)).toEqual([]);
    expect((await order.handle.describe()).status.name).toBe('RUNNING');
    expect(await order.status()).toMatchObject({ status: 'paid' });
    expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(10_000n);
    // And the escrow still runs to its end: the ship-by deadline refunds the buyer.
    expect(await order.result()).toMatchObject({ status: 'cancelled', cancelReason: 'ship_by_deadline' });
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('failing at the last write: posting, commit and paid roll back together, the stock comes back with the refund', async () => {
    // The `paid` row is refused inside the settlement's transaction, after its posting and commit.
    kit.faults.replace('settlePaid', (input, real) =>
      real({ ...input, status: { ...input.status, from: ['pending'] } }),
    );
    const order = await kit.startOrder();

    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'capture_failed' });
    expect(kit.inputsOf('settlePaid')).toHaveLength(1);
    expect(kit.ledger.posting(order.purchaseKey('capture'))).toBeUndefined();
    expect(kit.stock.reservation(order.orderId)?.status).toBe('released');
    expect(kit.provider.intentsOf(order.orderId)).toMatchObject([
      { amountCaptured: 10_000, amountRefunded: 10_000 },
    ]);
    expectFailedAndCompensated(order.orderId, order.input.listingId, 'capture_failed');
  });

  it('a provider outage is retried: two failed authorizations, then paid, one intent', async () => {
    kit.faults.failNext('authorizePayment', { times: 2 });
    const order = await kit.paidOrder();
    expect(kit.calls.filter((c) => c.name === 'authorizePayment').map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(kit.provider.intentsOf(order.orderId)).toHaveLength(1);
    expect(kit.orders.row(order.orderId)).toMatchObject({
      status: 'paid',
      escrowWorkflowId: order.workflowId,
    });
  });

  it('a capture whose answer was lost is retried under its key: captured once, booked once', async () => {
    kit.faults.failNext('capturePayment', { afterEffect: true });
    const order = await kit.paidOrder();
    expect(kit.calls.filter((c) => c.name === 'capturePayment')).toHaveLength(2);
    expect(kit.provider.effectsOf(order.purchaseKey('capture'))).toBe(1);
    expect(kit.ledger.posting(order.purchaseKey('capture'))?.lines).toEqual([
      { account: 'buyer_funding:EUR', currency: 'EUR', amount: '-10000' },
      { account: `escrow:${order.orderId}`, currency: 'EUR', amount: '10000' },
    ]);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('the move to authorized refused with the hold in: the hold is still known, and voided', async () => {
    const order = await kit.startOrder();
    kit.faults.replace('setOrderStatus', (input, real) => {
      if (input.to !== 'authorized') return real(input);
      throw new InvalidTransitionError(input.orderId, 'cancelled', input.to);
    });
    expect(await order.result()).toMatchObject({ status: 'failed' });
    const [hold, ...others] = kit.provider.intentsOf(order.orderId);
    expect(others).toEqual([]);
    expect(hold).toMatchObject({ status: 'voided', amountCaptured: 0 });
    expect(kit.calls.filter((c) => c.name === 'authorizeOrder')).toHaveLength(1);
    expect(kit.stock.available(order.input.listingId)).toBe(3);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a refused status change is not retried: the order fails and is compensated', async () => {
    kit.faults.failNext('setOrderStatus', { retryable: false, type: OTHER_FAILURE_TYPES.invalidTransition });
    const order = await kit.startOrder();
    expect(await order.result()).toMatchObject({ status: 'failed' });
    expect(kit.calls.filter((c) => c.name === 'setOrderStatus')[0]?.attempt).toBe(1);
    expect(kit.provider.intentsOf(order.orderId)).toEqual([]);
    expect(kit.stock.available(order.input.listingId)).toBe(3);
  });
});
