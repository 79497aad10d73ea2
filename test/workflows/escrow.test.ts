/**
 * The escrow an order's workflow holds once paid, on the kit (test/kit/): the days-long timers of
 * docs/design.md pass in seconds, and each test reads where the money went (provider, ledger), the
 * stock and the order's row. Carrier tracking: carrier.test.ts; disputes and chargebacks: dispute.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { UPDATE_REJECTIONS } from '../../domain/failures.js';
import { refundLines } from '../../domain/ledger.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { DAY, refusal, until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

/** The status changes the workflow wrote, as `to` and the types of the notifications they carried. */
const statusChanges = (orderId: string) =>
  kit
    .inputsOf('setOrderStatus')
    .filter((s) => s.orderId === orderId)
    .map((s) => [s.to, ...(s.notify ?? []).map((n) => n.type)].join(' '));

describe('escrow timers and updates (kit)', () => {
  it('ship-by deadline: refund at the provider, balanced refund posting, restock, cancelled', async () => {
    const order = await kit.paidOrder();
    const { input } = order;
    expect(kit.stock.reservation(input.orderId)?.status).toBe('committed');
    const state = await order.result();

    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'ship_by_deadline', deadlines: {} });
    expect(await order.runningTimeMs()).toBeGreaterThanOrEqual(3 * DAY);
    const refunds = kit.calls.filter((c) => c.name === 'refundPayment');
    // On the payments queue, under the provider's rate limit; keyed by the escrow, never the order.
    expect(refunds.map((c) => [c.queue, c.local])).toEqual([[TASK_QUEUES.payments, false]]);
    expect(refunds[0]!.input).toMatchObject({ idempotencyKey: order.escrowKey('refund'), amount: 10_000 });
    const intent = kit.provider.intentsOf(input.orderId)[0]!;
    expect(intent).toMatchObject({ status: 'captured', amountCaptured: 10_000, amountRefunded: 10_000 });
    expect(kit.ledger.posting(order.escrowKey('refund'))?.lines).toEqual(refundLines(input));
    expect(kit.ledger.balance(`escrow:${input.orderId}`)).toBe(0n);
    expect(kit.stock.available(input.listingId)).toBe(3);
    expect(kit.orders.row(input.orderId)).toMatchObject({ status: 'cancelled', deadlines: {} });
    // Refund, then the books, then the stock, then the status: the order never says cancelled early.
    const effects = kit.calls.map((c) => c.name).filter((n) => n !== 'setOrderStatus');
    expect(effects.slice(-3)).toEqual(['refundPayment', 'postLedger', 'restockOrder']);
    expect(statusChanges(input.orderId).at(-1)).toBe('cancelled order.cancelled order.cancelled');
    expect(
      kit.notifications
        .forOrder(input.orderId, 'order.cancelled')
        .map((n) => n.userId)
        .sort(),
    ).toEqual([input.buyerId, input.sellerId].sort());
    expect(kit.money.violations(input.orderId)).toEqual([]);
  });

  it('ship → the buyer confirms → released to the seller minus the fee after the dispute window', async () => {
    const order = await kit.paidOrder();
    const { input } = order;
    const parcel = { carrier: 'DHL', trackingNumber: 'JJD000390007' };
    const shipped = await order.ship(parcel);
    expect(shipped).toMatchObject({ status: 'shipped', ...parcel });
    expect(kit.orders.row(input.orderId)).toMatchObject({ status: 'shipped', ...parcel });
    expect(kit.orders.row(input.orderId)?.deadlines.autoConfirmAt).toBeDefined();
    // Registered after the update's answer (the `shipped` row): wait for it.
    await until(() => kit.carrier.registered(parcel));
    expect(kit.inputsOf('registerTracker')).toEqual([
      { ...parcel, idempotencyKey: order.escrowKey('tracker') },
    ]);

    const delivered = await order.confirmDelivery();
    expect(delivered).toMatchObject({ status: 'delivered', deliveredBy: 'buyer' });
    expect(delivered.deadlines.disputeWindowEndsAt).toBeDefined();
    const state = await order.result();

    expect(state.status).toBe('completed');
    expect(await order.runningTimeMs()).toBeGreaterThanOrEqual(3 * DAY);
    expect(kit.ledger.posting(order.escrowKey('release'))?.lines).toEqual([
      { account: `escrow:${input.orderId}`, currency: 'EUR', amount: '-10000' },
      { account: `seller_available:${input.sellerId}`, currency: 'EUR', amount: '9000' },
      { account: 'platform_fees', currency: 'EUR', amount: '1000' },
    ]);
    expect(kit.ledger.balance(`seller_available:${input.sellerId}`)).toBe(9000n);
    expect(kit.provider.intentsOf(input.orderId)[0]).toMatchObject({
      amountCaptured: 10_000,
      amountRefunded: 0,
    });
    const completed = kit.inputsOf('setOrderStatus').at(-1)!;
    expect(completed).toMatchObject({
      to: 'completed',
      from: ['delivered'],
      eventKey: order.escrowKey('status:completed'),
    });
    expect(completed.notify?.[0]?.payload).toEqual({ orderId: input.orderId, sellerAmount: 9000, fee: 1000 });
    expect(statusChanges(input.orderId).slice(-3)).toEqual([
      'shipped order.shipped order.shipped',
      'delivered order.delivered order.delivered',
      'completed order.completed order.completed',
    ]);
    expect(kit.money.violations(input.orderId)).toEqual([]);
  });

  it('nobody confirms: auto-confirmation 14 days after shipment, release 3 days later', async () => {
    const order = await kit.shippedOrder({ timers: { carrierPollMs: 5 * DAY } });
    const state = await order.result();

    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    expect(await order.runningTimeMs()).toBeGreaterThanOrEqual(17 * DAY);
    // Polls at 5 and 10 days found the parcel still announced: nothing recorded, the timer decided.
    expect(kit.calls.filter((c) => c.name === 'getTracking').map((c) => c.queue)).toEqual([
      TASK_QUEUES.carriers,
      TASK_QUEUES.carriers,
    ]);
    expect(kit.carrier.events(order.orderId)).toEqual([]);
    expect(kit.notifications.forOrder(order.orderId, 'order.delivered')[0]?.payload).toEqual({
      orderId: order.orderId,
      deliveredBy: 'timer',
    });
    expect(kit.ledger.balance(`seller_available:${order.input.sellerId}`)).toBe(9000n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('validates updates by party and state', async () => {
    const order = await kit.paidOrder();
    const { buyerId, sellerId } = order.input;
    expect(await refusal(order.confirmDelivery())).toMatchObject({ type: UPDATE_REJECTIONS.invalidState });
    expect(await refusal(order.ship(undefined, buyerId))).toMatchObject({
      type: UPDATE_REJECTIONS.forbidden,
    });
    expect(await refusal(order.cancel('someone_else'))).toMatchObject({ type: UPDATE_REJECTIONS.forbidden });
    expect(await refusal(order.openDispute())).toMatchObject({ type: UPDATE_REJECTIONS.invalidState });

    await order.ship();
    expect(await refusal(order.cancel(buyerId))).toMatchObject({ type: UPDATE_REJECTIONS.invalidState });
    expect(await refusal(order.ship())).toMatchObject({ type: UPDATE_REJECTIONS.invalidState });
    expect(await refusal(order.confirmDelivery(sellerId))).toMatchObject({
      type: UPDATE_REJECTIONS.forbidden,
    });
    expect((await order.confirmDelivery()).status).toBe('delivered');
    expect((await order.result()).status).toBe('completed');
    // A final order takes nothing more (the API answers 409 from the row once the workflow has closed).
    expect(kit.orders.row(order.orderId)?.status).toBe('completed');
  });

  it('the buyer cancels before shipment: refunded and restocked at once', async () => {
    const order = await kit.paidOrder({ quantity: 2, stock: 2 });
    const { input } = order;
    expect(kit.stock.available(input.listingId)).toBe(0);
    const state = await order.cancel();

    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'buyer' });
    expect(kit.stock.available(input.listingId)).toBe(2);
    expect(kit.inputsOf('refundPayment')).toEqual([
      expect.objectContaining({ idempotencyKey: order.escrowKey('refund'), amount: 20_000 }),
    ]);
    expect(kit.ledger.balance('refunds')).toBeGreaterThanOrEqual(20_000n);
    expect(kit.orders.row(input.orderId)?.status).toBe('cancelled');
    expect(kit.money.violations(input.orderId)).toEqual([]);
  });

  it('the seller cancels before shipment: the buyer is refunded, the reason says seller', async () => {
    const order = await kit.paidOrder();
    expect(await order.cancel(order.input.sellerId)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'seller',
    });
    expect(kit.provider.intentsOf(order.orderId)[0]).toMatchObject({ amountRefunded: 10_000 });
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('an escrow update is refused while the order is still paying, and taken once it is paid', async () => {
    const capture = kit.faults.hold('capturePayment');
    const order = await kit.startOrder();
    await capture.entered;

    expect(await refusal(order.ship())).toEqual({
      type: UPDATE_REJECTIONS.invalidState,
      message: 'the order is authorized',
    });
    expect(kit.orders.status(order.orderId)).toBe('authorized');
    capture.release();
    expect((await order.awaitPayment()).status).toBe('paid');
    expect((await order.ship()).status).toBe('shipped');
  });

  it('a refund the provider answered but whose answer was lost is not made twice', async () => {
    kit.faults.failNext('refundPayment', { afterEffect: true });
    const order = await kit.paidOrder();
    expect(await order.cancel()).toMatchObject({ status: 'cancelled' });

    const refunds = kit.calls.filter((c) => c.name === 'refundPayment');
    expect(refunds.map((c) => c.attempt)).toEqual([1, 2]);
    expect(kit.provider.effectsOf(order.escrowKey('refund'))).toBe(1);
    const intent = kit.provider.intentsOf(order.orderId)[0]!;
    expect(kit.provider.refundsOf(intent.id)).toHaveLength(1);
    expect(intent.amountRefunded).toBe(10_000);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });
});
