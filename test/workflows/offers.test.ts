/**
 * Offers on the kit (workflows/offer.ts): every path from the hold to the ending, each asserting the
 * holds at the provider (authorized once per amount the buyer committed to, voided on every ending but
 * acceptance), and after an acceptance the order: the same hold captured at the agreed amount by
 * `order-<id>` (no second authorization), the stock taken, the escrow and the ledger.
 */
import { describe, expect, it } from 'vitest';
import { effectKey } from '../../domain/ids.js';
import { DAY, HOUR, type OfferDriver, orderOf, refusal } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

const holds = (offer: OfferDriver) =>
  kit.provider.intentsOfOffer(offer.offerId).map((i) => ({ amount: i.amount, status: i.status }));
const key = (offer: OfferDriver, step: string) => effectKey(`offer-${offer.offerId}`, step);
const noticesOf = (offer: OfferDriver) =>
  kit.notifications
    .all()
    .filter((n) => n.payload.offerId === offer.offerId)
    .map((n) => `${n.userId === offer.input.buyerId ? 'buyer' : 'seller'} ${n.type}`);

/** The accepted offer's order, paid on the offer's hold: escrow, stock and money as a purchase's. */
async function expectPaidOrderOnHold(offer: OfferDriver, amount: number) {
  const order = orderOf(kit, offer);
  expect(await order.awaitPayment()).toMatchObject({ status: 'paid' });
  const [captured, ...others] = kit.provider
    .intentsOfOffer(offer.offerId)
    .filter((i) => i.status === 'captured');
  expect(others).toEqual([]);
  expect(captured).toMatchObject({ amount, amountCaptured: amount });
  expect(kit.orders.row(order.orderId)).toMatchObject({
    status: 'paid',
    amount,
    paymentIntentId: captured!.id,
  });
  // The order captured the offer's hold: it authorized nothing itself.
  expect(kit.inputsOf('authorizePayment').filter((a) => a.orderId === order.orderId && !a.offerId)).toEqual(
    [],
  );
  expect(kit.stock.reservation(order.orderId)?.status).toBe('committed');
  expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(BigInt(amount));
  expect(kit.money.violations(order.orderId)).toEqual([]);
  return order;
}

describe('offers (kit)', () => {
  it('accept: the seller takes the offer, the order captures the hold and the escrow releases', async () => {
    const offer = await kit.liveOffer({ amount: 8_000 });
    expect(holds(offer)).toEqual([{ amount: 8_000, status: 'authorized' }]);
    expect(kit.inputsOf('authorizePayment')).toEqual([
      expect.objectContaining({ idempotencyKey: key(offer, 'authorize'), amount: 8_000 }),
    ]);

    const accepted = await offer.accept(offer.input.sellerId);
    expect(accepted).toMatchObject({
      status: 'accepted',
      turn: 'none',
      amount: 8_000,
      orderId: offer.orderId,
    });
    // Not skipping time: the order it placed would run into its ship-by deadline (see below).
    expect(await offer.handle.result()).toEqual({
      offerId: offer.offerId,
      status: 'accepted',
      orderId: offer.orderId,
    });
    expect(kit.offers.state(offer.offerId)).toMatchObject({ status: 'accepted', orderId: offer.orderId });
    expect(
      kit.records.all().find((r) => r.kind === 'authorization' && r.offerId === offer.offerId),
    ).toMatchObject({ orderId: offer.orderId });
    expect(noticesOf(offer)).toEqual([
      'seller offer.received',
      'buyer offer.accepted',
      'seller offer.accepted',
    ]);

    const order = await expectPaidOrderOnHold(offer, 8_000);
    await order.ship();
    await order.confirmDelivery();
    expect(await order.result()).toMatchObject({ status: 'completed' });
    expect(kit.ledger.balance(`seller_available:${offer.input.sellerId}`)).toBe(7_200n);
    expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(0n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a counter chain: each buyer raise is a new hold (the old one voided), turns and bounds enforced', async () => {
    const offer = await kit.liveOffer({ amount: 6_000 });
    const { buyerId, sellerId } = offer.input;

    expect(await refusal(offer.counter(sellerId, 10_000))).toMatchObject({ type: 'amount_out_of_range' });
    expect(await refusal(offer.counter(buyerId, 7_000))).toMatchObject({ type: 'invalid_state' });
    expect(await refusal(offer.accept('stranger_kit'))).toMatchObject({ type: 'forbidden' });
    expect(await offer.counter(sellerId, 9_000)).toMatchObject({
      status: 'countered',
      turn: 'buyer',
      amount: 9_000,
    });

    expect(await refusal(offer.counter(sellerId, 8_500))).toMatchObject({ type: 'invalid_state' });
    expect(await refusal(offer.withdraw())).toMatchObject({ type: 'invalid_state' });
    expect(await refusal(offer.counter(buyerId, 9_000))).toMatchObject({ type: 'amount_out_of_range' });
    expect(await offer.counter(buyerId, 7_500)).toMatchObject({
      status: 'pending',
      turn: 'seller',
      amount: 7_500,
    });
    expect(holds(offer)).toEqual([
      { amount: 6_000, status: 'voided' },
      { amount: 7_500, status: 'authorized' },
    ]);

    expect(await offer.counter(sellerId, 8_500)).toMatchObject({ status: 'countered', amount: 8_500 });
    expect(await offer.accept(buyerId)).toMatchObject({ status: 'accepted', amount: 8_500 });
    await expectPaidOrderOnHold(offer, 8_500);
    expect(holds(offer)).toEqual([
      { amount: 6_000, status: 'voided' },
      { amount: 7_500, status: 'voided' },
      { amount: 8_500, status: 'captured' },
    ]);
    expect(kit.inputsOf('authorizePayment').map((a) => a.idempotencyKey)).toEqual([
      key(offer, 'authorize'),
      key(offer, 'authorize:2'),
      key(offer, 'authorize:3'),
    ]);
    expect((await offer.status()).history.map((h) => `${h.by} ${h.action} ${h.amount}`)).toEqual([
      'buyer offer 6000',
      'seller counter 9000',
      'buyer counter 7500',
      'seller counter 8500',
      'buyer accept 8500',
    ]);
    expect(noticesOf(offer)).toEqual([
      'seller offer.received',
      'buyer offer.countered',
      'seller offer.countered',
      'buyer offer.countered',
      'buyer offer.accepted',
      'seller offer.accepted',
    ]);
  });

  it('a buyer raise the card refuses leaves the offer and its hold as they were', async () => {
    const offer = await kit.liveOffer({ amount: 6_000 });
    await offer.counter(offer.input.sellerId, 9_000);
    kit.faults.failNext('authorizePayment', { type: 'payment_declined', retryable: false });
    expect(await refusal(offer.accept(offer.input.buyerId))).toMatchObject({ type: 'payment_declined' });
    expect(await offer.status()).toMatchObject({ status: 'countered', turn: 'buyer', amount: 9_000 });
    expect(holds(offer)).toEqual([{ amount: 6_000, status: 'authorized' }]);
    await offer.decline(offer.input.buyerId);
    expect(await offer.result()).toMatchObject({ status: 'declined', reason: 'buyer_declined' });
    expect(holds(offer)).toEqual([{ amount: 6_000, status: 'voided' }]);
    expect(noticesOf(offer).at(-1)).toBe('seller offer.declined');
  });

  it('decline: the seller says no, the hold is voided, the buyer is told, the stock untouched', async () => {
    const offer = await kit.liveOffer();
    expect(await offer.decline(offer.input.sellerId)).toMatchObject({
      status: 'declined',
      reason: 'seller_declined',
      turn: 'none',
    });
    expect(await offer.result()).toEqual({
      offerId: offer.offerId,
      status: 'declined',
      reason: 'seller_declined',
    });
    expect(holds(offer)).toEqual([{ amount: 8_000, status: 'voided' }]);
    expect(kit.inputsOf('voidAuthorization')).toEqual([
      expect.objectContaining({ idempotencyKey: key(offer, 'void'), offerId: offer.offerId }),
    ]);
    expect(noticesOf(offer)).toEqual(['seller offer.received', 'buyer offer.declined']);
    expect(kit.stock.available(offer.input.listingId)).toBe(1);
    expect(kit.offers.state(offer.offerId)).toMatchObject({ status: 'declined', reason: 'seller_declined' });
  });

  it('withdraw: the buyer takes it back on the seller’s turn; later moves are refused', async () => {
    const offer = await kit.liveOffer();
    expect(await offer.withdraw()).toMatchObject({ status: 'withdrawn', turn: 'none' });
    await expect(offer.accept(offer.input.sellerId)).rejects.toThrow();
    expect(await offer.result()).toMatchObject({ status: 'withdrawn' });
    expect(holds(offer)).toEqual([{ amount: 8_000, status: 'voided' }]);
    expect(kit.offers.state(offer.offerId)?.status).toBe('withdrawn');
  });

  it('auto-accept: an offer at the listing’s threshold is an order at once', async () => {
    const offer = await kit.startOffer({ amount: 9_500, autoAcceptAmount: 9_000, autoDeclineAmount: 5_000 });
    expect(await offer.awaitHold()).toMatchObject({
      status: 'accepted',
      orderId: offer.orderId,
      amount: 9_500,
    });
    expect((await offer.status()).history.map((h) => `${h.by} ${h.action}`)).toEqual([
      'buyer offer',
      'system accept',
    ]);
    expect(noticesOf(offer)).toEqual(['buyer offer.accepted', 'seller offer.accepted']);
    await expectPaidOrderOnHold(offer, 9_500);
  });

  it('auto-decline: an offer below the listing’s threshold ends at once, its hold voided', async () => {
    const offer = await kit.startOffer({ amount: 4_000, autoAcceptAmount: 9_000, autoDeclineAmount: 5_000 });
    expect(await offer.awaitHold()).toMatchObject({ status: 'declined', reason: 'auto_declined' });
    expect(holds(offer)).toEqual([{ amount: 4_000, status: 'voided' }]);
    // The seller never saw it.
    expect(noticesOf(offer)).toEqual(['buyer offer.declined']);
  });

  it('expiry: 48 h after the last move, each move resetting the clock; the hold is voided', async () => {
    const offer = await kit.liveOffer();
    await kit.skip(40 * HOUR);
    await offer.counter(offer.input.sellerId, 9_500);
    await kit.skip(40 * HOUR);
    expect(await offer.status()).toMatchObject({ status: 'countered' });
    expect(await offer.result()).toMatchObject({ status: 'expired' });
    const { history, expiresAt } = kit.offers.state(offer.offerId)!;
    const at = (i: number) => Date.parse(history[i]!.at);
    expect(history.map((h) => `${h.by} ${h.action}`)).toEqual([
      'buyer offer',
      'seller counter',
      'system expire',
    ]);
    // Workflow time, to the timer's firing (a few ms of the test server's steps after it is due).
    expect(at(2) - at(1)).toBeGreaterThanOrEqual(48 * HOUR);
    expect(at(2) - at(1)).toBeLessThan(48 * HOUR + 1_000);
    expect(Math.abs(Date.parse(expiresAt!) - (at(1) + 48 * HOUR))).toBeLessThan(1_000);
    expect(holds(offer)).toEqual([{ amount: 8_000, status: 'voided' }]);
    expect(noticesOf(offer).slice(-2)).toEqual(['buyer offer.expired', 'seller offer.expired']);
  });

  it('expiry never outlives the hold: capped at the authorization’s validity less the margin', async () => {
    const offer = await kit.liveOffer({ terms: { ttlMs: 30 * DAY } });
    const made = Date.parse((await offer.status()).history[0]!.at);
    const expiresAt = Date.parse((await offer.status()).expiresAt!);
    // 7 days of validity less a day of margin, from the authorization (a few ms after the offer).
    expect(expiresAt - made).toBeGreaterThanOrEqual(6 * DAY);
    expect(expiresAt - made).toBeLessThan(6 * DAY + 1_000);
    expect(await offer.result()).toMatchObject({ status: 'expired' });
    const expire = kit.offers.state(offer.offerId)!.history.at(-1)!;
    expect(expire).toMatchObject({ by: 'system', action: 'expire' });
    expect(Date.parse(expire.at) - expiresAt).toBeLessThan(1_000);
    expect(Date.parse(expire.at)).toBeGreaterThanOrEqual(expiresAt);
    expect(holds(offer)).toEqual([{ amount: 8_000, status: 'voided' }]);
  });

  it('sold out by another offer: accepting one takes the last unit, the others end sold_out, holds voided', async () => {
    const listing = kit.newListing({ stock: 1 });
    const [winner, ...others] = [
      await kit.liveOffer({ listing, amount: 8_000 }),
      await kit.liveOffer({ listing, amount: 7_000 }),
      await kit.liveOffer({ listing, amount: 6_000 }),
    ];
    await others[1]!.counter(listing.sellerId, 9_000);
    await winner!.accept(listing.sellerId);
    // Awaited without skipping time: a skip would run the winner's order into its ship-by deadline
    // (a refund in flight) while this test still checks it paid.
    for (const offer of others) {
      expect(await offer.handle.result()).toEqual({
        offerId: offer.offerId,
        status: 'declined',
        reason: 'sold_out',
      });
      expect(holds(offer)).toEqual([{ amount: offer.input.amount, status: 'voided' }]);
      expect(noticesOf(offer).at(-1)).toBe('buyer offer.declined');
    }
    expect(kit.stock.available(listing.listingId)).toBe(0);
    await expectPaidOrderOnHold(winner!, 8_000);
  });

  it('sold out by a purchase: POST /v1/orders takes the last unit, the live offer ends sold_out', async () => {
    const listing = kit.newListing({ stock: 1 });
    const offer = await kit.liveOffer({ listing });
    const order = await kit.paidOrder({ listing, amount: 10_000 });
    // Not skipping time: the paid order would run into its ship-by deadline, a refund in flight.
    expect(await offer.handle.result()).toMatchObject({ status: 'declined', reason: 'sold_out' });
    expect(holds(offer)).toEqual([{ amount: 8_000, status: 'voided' }]);
    expect(kit.ledger.balance(`escrow:${order.orderId}`)).toBe(10_000n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('an accept that finds the stock gone ends the offer sold_out (409 for the seller)', async () => {
    const listing = kit.newListing({ stock: 1 });
    const offer = await kit.liveOffer({ listing });
    // The unit went without the fan-out reaching this offer (an API that stopped after the purchase).
    kit.stock.reserve({ orderId: 'ord_elsewhere', listingId: listing.listingId, quantity: 1 });
    expect(await refusal(offer.accept(listing.sellerId))).toMatchObject({ type: 'out_of_stock' });
    expect(await offer.result()).toMatchObject({ status: 'declined', reason: 'sold_out' });
    expect(holds(offer)).toEqual([{ amount: 8_000, status: 'voided' }]);
    expect(kit.orders.row(offer.orderId)).toBeUndefined();
  });

  it('card declined: the offer fails (payment_declined), nothing is held, nobody is told', async () => {
    const offer = await kit.startOffer({ paymentMethod: 'pm_card_declined' });
    expect(await offer.awaitHold()).toMatchObject({ status: 'failed', failureReason: 'payment_declined' });
    expect(await offer.result()).toEqual({
      offerId: offer.offerId,
      status: 'failed',
      failureReason: 'payment_declined',
    });
    expect(holds(offer)).toEqual([]);
    expect(kit.offers.state(offer.offerId)).toMatchObject({ status: 'failed', turn: 'none' });
    expect(noticesOf(offer)).toEqual([]);
    await expect(offer.accept(offer.input.sellerId)).rejects.toThrow();
  });
});
