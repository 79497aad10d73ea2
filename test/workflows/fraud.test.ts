/**
 * The fraud screen inside the purchase saga, on the kit: deny compensates before any money moves,
 * review waits for an operator (or a 24-hour deadline), velocity counts each order once. The rules
 * are the real ones (domain/fraud.ts); the kit keeps the counters and account ages.
 */
import { describe, expect, it } from 'vitest';
import { UPDATE_REJECTIONS } from '../../domain/failures.js';
import { DAY, refusal, until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

// Default rules (domain/fraud.ts): above €5,000 review, above €50,000 deny.
const REVIEW_AMOUNT = 600_000;
const DENY_AMOUNT = 6_000_000;

async function heldForReview(options: Parameters<typeof kit.startOrder>[0] = {}) {
  const order = await kit.startOrder({ amount: REVIEW_AMOUNT, ...options });
  const state = await until(async () => {
    const current = await order.status();
    return current.fraud?.decision === 'review' && current;
  });
  return { order, state };
}

/** Failed by the fraud screen: stock back, nothing authorized, the ledger untouched. */
function expectDeniedAndCompensated(orderId: string, listingId: string) {
  expect(kit.orders.row(orderId)).toMatchObject({ status: 'failed', failureReason: 'fraud_denied' });
  expect(kit.orders.row(orderId)?.paymentIntentId).toBeUndefined();
  expect(kit.provider.intentsOf(orderId)).toEqual([]);
  expect(kit.stock.available(listingId)).toBe(3);
  expect(kit.ledger.entries(orderId)).toEqual([]);
  expect(kit.money.violations(orderId)).toEqual([]);
}

describe('fraud screen (kit)', () => {
  it('denies an amount above the deny limit before any authorization, and gives the stock back', async () => {
    const order = await kit.startOrder({ amount: DENY_AMOUNT });
    expect(await order.result()).toEqual({
      orderId: order.orderId,
      status: 'failed',
      failureReason: 'fraud_denied',
    });
    expectDeniedAndCompensated(order.orderId, order.input.listingId);
  });

  it('denies self-dealing: a seller buying their own listing', async () => {
    const order = await kit.startOrder({ buyerId: 'user_kit_self', sellerId: 'user_kit_self' });
    expect(await order.result()).toMatchObject({ status: 'failed', failureReason: 'fraud_denied' });
    expect((await order.status()).fraud).toMatchObject({ decision: 'deny', reasons: ['self_dealing'] });
    expectDeniedAndCompensated(order.orderId, order.input.listingId);
  });

  it('holds a large purchase for review; an operator allows it and it is paid', async () => {
    const { order, state } = await heldForReview();
    expect(state.fraud?.reasons).toContain('amount');
    const row = kit.orders.row(order.orderId);
    expect(row?.status).toBe('reserved');
    expect(Date.parse(row!.deadlines.fraudReviewBy!) - (await kit.clock.now())).toBeGreaterThan(DAY - 60_000);
    expect(row?.events.map((e) => e.key)).toContain(order.purchaseKey('fraud:review'));

    await order.reviewFraud('allow', 'op_1');
    expect(await order.awaitPayment()).toMatchObject({ status: 'paid' });
    expect((await order.status()).fraud?.review).toMatchObject({ decision: 'allow', operatorId: 'op_1' });
    expect(kit.provider.intentsOf(order.orderId)).toMatchObject([{ amountCaptured: REVIEW_AMOUNT }]);
    expect(await refusal(order.reviewFraud('deny', 'op_2'))).toMatchObject({
      type: UPDATE_REJECTIONS.invalidState,
    });
  });

  it('a young account buying big goes to review too', async () => {
    const { state } = await heldForReview({ amount: 150_000, buyerAgeMs: 60_000 });
    expect(state.fraud).toMatchObject({ decision: 'review', reasons: ['new_account'] });
  });

  it('an operator denies a held purchase: failed, compensated, a second decision refused', async () => {
    const { order } = await heldForReview();
    await order.reviewFraud('deny', 'op_1');
    const again = await order.reviewFraud('allow', 'op_1').catch((e: unknown) => e);
    expect((await order.result()).failureReason).toBe('fraud_denied');
    // Refused by the validator while compensating, or by the server once the purchase has closed.
    expect(again).toBeInstanceOf(Error);
    expectDeniedAndCompensated(order.orderId, order.input.listingId);
  });

  it('a malformed decision is refused as invalid', async () => {
    const { order } = await heldForReview();
    const update = order.reviewFraud('maybe' as 'allow');
    expect(await refusal(update)).toMatchObject({ type: UPDATE_REJECTIONS.invalid });
  });

  it('nobody reviews within 24 hours: denied and compensated', async () => {
    const { order } = await heldForReview();
    expect((await order.result()).failureReason).toBe('fraud_denied');
    expect(await order.runningTimeMs()).toBeGreaterThanOrEqual(DAY);
    expect((await order.status()).fraud?.review).toBe('timed_out');
    expectDeniedAndCompensated(order.orderId, order.input.listingId);
  });

  it('a purchase cancelled while it waits (an operator cancels the workflow) is compensated as cancelled', async () => {
    const { order } = await heldForReview();
    await order.handle.cancel();
    expect(await order.result()).toEqual({
      orderId: order.orderId,
      status: 'failed',
      failureReason: 'cancelled',
    });
    expect(kit.orders.row(order.orderId)).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    expect(kit.stock.available(order.input.listingId)).toBe(3);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('velocity: the eleventh order of a buyer within the hour goes to review, a retried screen counts once', async () => {
    const buyerId = 'buyer_kit_busy';
    kit.faults.failNext('screenPurchase', { afterEffect: true });
    for (let i = 0; i < 10; i++) {
      const order = await kit.paidOrder({ buyerId });
      expect((await order.status()).fraud?.decision).toBe('allow');
    }
    const { state } = await heldForReview({ buyerId, amount: 10_000 });
    expect(state.fraud?.reasons).toEqual(['buyer_velocity']);
  });
});
