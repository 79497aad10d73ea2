/**
 * Auctions on the kit (workflows/auction.ts): the end as a durable timer re-armed by the soft close,
 * the reserve, the winner's order through `order-<id>` at the proxy price with the winner's card,
 * the second chance once, and the notices; each sale asserting the intents at the provider, the
 * stock and the order's escrow in the ledger.
 */
import { describe, expect, it } from 'vitest';
import { auctionOrderId } from '../../domain/auction.js';
import { type AuctionDriver, startAuction } from '../kit/auction-driver.js';
import { HOUR } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();
const MINUTE = 60_000;

const noticesOf = (a: AuctionDriver) =>
  kit.notifications
    .all()
    .filter((n) => n.payload.listingId === a.listingId && n.type.startsWith('auction.'))
    .map((n) => `${n.userId} ${n.type}`);

/** The auction's order paid at `amount` on the buyer's card: one captured intent, stock and escrow taken. */
function expectPaidOrder(orderId: string, buyerId: string, amount: number) {
  expect(kit.orders.row(orderId)).toMatchObject({ status: 'paid', buyerId, amount });
  expect(kit.provider.intentsOf(orderId).map((i) => [i.status, i.amountCaptured])).toEqual([
    ['captured', amount],
  ]);
  expect(kit.stock.reservation(orderId)?.status).toBe('committed');
  expect(kit.ledger.balance(`escrow:${orderId}`)).toBe(BigInt(amount));
  expect(kit.money.violations(orderId)).toEqual([]);
}

describe('auctions (kit)', () => {
  it('winner pays: the proxy price at the end, the winner’s card, outbid/won/lost/ended notices', async () => {
    const a = await startAuction(kit, { startAmount: 1_000, bidIncrement: 100 });
    const [ann, bob, cat] = [`ann_${a.listingId}`, `bob_${a.listingId}`, `cat_${a.listingId}`];
    expect(await a.bid(ann, 5_000)).toMatchObject({ status: 'leading', currentPrice: 1_000 });
    expect(await a.bid(bob, 3_000)).toMatchObject({ status: 'outbid', currentPrice: 3_100 });
    expect(await a.bid(cat, 6_000)).toMatchObject({ status: 'leading', currentPrice: 5_100 });
    expect(await a.bid(ann, 5_100)).toMatchObject({ outcome: 'bid_too_low', minimumBid: 5_200 });

    const orderId = auctionOrderId(a.input, 1);
    expect(await a.result()).toEqual({ result: 'sold', orderId, winnerId: cat, amount: 5_100, attempt: 1 });
    expectPaidOrder(orderId, cat, 5_100);
    expect(kit.inputsOf('authorizePayment').map((i) => [i.orderId, i.amount, i.paymentMethod])).toEqual([
      [orderId, 5_100, 'pm_card_ok'],
    ]);
    expect(a.row()).toMatchObject({ status: 'ended', outcome: { result: 'sold', orderId } });
    expect(noticesOf(a)).toEqual([
      `${ann} auction.outbid`,
      `${ann} auction.lost`,
      `${bob} auction.lost`,
      `${cat} auction.won`,
      `${a.input.sellerId} auction.ended`,
    ]);
    // After the end: refused.
    expect(await a.bid(bob, 9_000)).toEqual({ outcome: 'closed' });
    await kit.recordHistory('auction-sold', a.handle.workflowId);
  });

  it('proxy increments: each bid lifts the price one increment above the runner-up, capped by the top maximum', async () => {
    const a = await startAuction(kit, { startAmount: 1_000, bidIncrement: 250 });
    const [ann, bob, cat] = [`ann_${a.listingId}`, `bob_${a.listingId}`, `cat_${a.listingId}`];
    const prices = [];
    for (const [who, max] of [
      [ann, 2_000],
      [bob, 1_500],
      [cat, 2_100],
      [bob, 2_350],
    ] as const) {
      const placed = await a.bid(who, max);
      prices.push(placed.outcome === 'placed' ? [placed.status, placed.currentPrice] : [placed.outcome]);
    }
    // bob's 1,500 lifts ann to 1,750; cat's 2,100 beats ann's 2,000 at the cap (2,000 + 250 > 2,100);
    // bob's 2,350 beats cat at 2,100 + 250.
    expect(prices).toEqual([
      ['leading', 1_000],
      ['outbid', 1_750],
      ['leading', 2_100],
      ['leading', 2_350],
    ]);
    expect(await a.result()).toMatchObject({ result: 'sold', winnerId: bob, amount: 2_350 });
    expectPaidOrder(auctionOrderId(a.input, 1), bob, 2_350);
    expect(noticesOf(a).filter((n) => n.endsWith('auction.outbid'))).toEqual([
      `${ann} auction.outbid`,
      `${cat} auction.outbid`,
    ]);
  });

  it('ties: of two equal maxima the earlier bid keeps the lead and wins at that maximum', async () => {
    const a = await startAuction(kit, { startAmount: 1_000, bidIncrement: 100 });
    const [ann, bob] = [`ann_${a.listingId}`, `bob_${a.listingId}`];
    await a.bid(ann, 4_000);
    expect(await a.bid(bob, 4_000)).toMatchObject({ status: 'outbid', currentPrice: 4_000 });
    expect(await a.result()).toMatchObject({ result: 'sold', winnerId: ann, amount: 4_000 });
    expectPaidOrder(auctionOrderId(a.input, 1), ann, 4_000);
    expect(kit.provider.intentsOf(auctionOrderId(a.input, 1))).toHaveLength(1);
    expect(noticesOf(a)).toEqual([
      `${ann} auction.won`,
      `${bob} auction.lost`,
      `${a.input.sellerId} auction.ended`,
    ]);
  });

  it('raise own maximum: the leader’s raise leaves the price; the winner pays what the others bid, not the raise', async () => {
    const a = await startAuction(kit, { startAmount: 1_000, bidIncrement: 100 });
    const [ann, bob] = [`ann_${a.listingId}`, `bob_${a.listingId}`];
    await a.bid(ann, 3_000);
    expect(await a.bid(bob, 2_000)).toMatchObject({ status: 'outbid', currentPrice: 2_100 });
    expect(await a.bid(ann, 3_050)).toEqual({ outcome: 'bid_too_low', minimumBid: 3_100 });
    expect(await a.bid(ann, 9_000)).toMatchObject({ status: 'leading', currentPrice: 2_100 });
    expect(await a.bid(bob, 5_000)).toMatchObject({ status: 'outbid', currentPrice: 5_100 });
    expect(a.row().standing).toMatchObject({ leaderId: ann, leaderMax: 9_000, currentPrice: 5_100 });
    expect(await a.result()).toMatchObject({ result: 'sold', winnerId: ann, amount: 5_100 });
    expectPaidOrder(auctionOrderId(a.input, 1), ann, 5_100);
    // ann never lost the lead, so nobody was told of an outbid (bob's answers said his bids were beaten).
    expect(noticesOf(a).filter((n) => n.endsWith('auction.outbid'))).toEqual([]);
  });

  it('reserve not met: unsold, no order, nobody charged; the seller hears it ended', async () => {
    const a = await startAuction(kit, { startAmount: 1_000, reserveAmount: 8_000 });
    const [ann, bob] = [`ann_${a.listingId}`, `bob_${a.listingId}`];
    await a.bid(ann, 4_000);
    expect(await a.bid(bob, 7_900)).toMatchObject({ status: 'leading', currentPrice: 4_100 });
    expect(await a.result()).toEqual({ result: 'unsold' });
    expect(kit.inputsOf('placeAuctionOrder')).toEqual([]);
    expect(kit.inputsOf('authorizePayment')).toEqual([]);
    expect(kit.stock.available(a.listingId)).toBe(1);
    expect(noticesOf(a)).toEqual([
      `${ann} auction.outbid`,
      `${ann} auction.lost`,
      `${bob} auction.lost`,
      `${a.input.sellerId} auction.ended`,
    ]);
    await kit.recordHistory('auction-reserve-not-met', a.handle.workflowId);
  });

  it('reserve met: the price lifts to the reserve and the winner pays it', async () => {
    const a = await startAuction(kit, { startAmount: 1_000, reserveAmount: 8_000 });
    const [ann, bob] = [`ann_${a.listingId}`, `bob_${a.listingId}`];
    await a.bid(ann, 4_000);
    expect(await a.bid(bob, 9_000)).toMatchObject({ status: 'leading', currentPrice: 8_000 });
    const orderId = auctionOrderId(a.input, 1);
    expect(await a.result()).toMatchObject({ result: 'sold', winnerId: bob, amount: 8_000 });
    expectPaidOrder(orderId, bob, 8_000);
  });

  it('no bids: unsold at the planned end', async () => {
    const listedAt = await kit.clock.now();
    const a = await startAuction(kit, { durationMs: 3 * HOUR });
    // The planned end is the listing's own (the server's clock moves on while the auction starts).
    const plannedEnd = Date.parse(a.input.endsAt);
    expect(plannedEnd).toBeGreaterThanOrEqual(listedAt + 3 * HOUR);
    expect(await a.result()).toEqual({ result: 'unsold' });
    const [close] = kit.inputsOf('closeAuction');
    expect(Date.parse(close!.at)).toBeGreaterThanOrEqual(plannedEnd);
    expect(noticesOf(a)).toEqual([`${a.input.sellerId} auction.ended`]);
  });

  it('soft close: a bid in the last minutes moves the end; bids land past the planned end until the new one', async () => {
    const a = await startAuction(kit, { durationMs: 10 * MINUTE, softCloseMs: 2 * MINUTE });
    const planned = a.row().endsAt;
    const [ann, bob] = [`ann_${a.listingId}`, `bob_${a.listingId}`];
    await a.bid(ann, 2_000);
    await kit.skip(9 * MINUTE);
    const late = await a.bid(bob, 3_000);
    expect(late).toMatchObject({ outcome: 'placed', extended: true, status: 'leading' });
    expect(a.row().endsAt).toBeGreaterThan(planned);
    await kit.skip(1.5 * MINUTE);
    // Past the planned end: still open, and this bid moves the end again.
    const later = await a.bid(ann, 4_000);
    expect(later).toMatchObject({
      outcome: 'placed',
      status: 'leading',
      currentPrice: 3_100,
      extended: true,
    });
    const finalEnd = a.row().endsAt;
    expect(await a.result()).toMatchObject({ result: 'sold', winnerId: ann, amount: 3_100 });
    // The timer followed the signals: the end was taken once, at the moved end.
    const closes = kit.inputsOf('closeAuction');
    expect(closes).toHaveLength(1);
    expect(Date.parse(closes[0]!.at)).toBeGreaterThanOrEqual(finalEnd);
    expectPaidOrder(auctionOrderId(a.input, 1), ann, 3_100);
    await kit.recordHistory('auction-soft-close', a.handle.workflowId);
  });

  it('second chance: the winner’s card fails, the next bidder buys once at the price the others give', async () => {
    const a = await startAuction(kit, { startAmount: 1_000, bidIncrement: 100 });
    const [ann, bob, cat] = [`ann_${a.listingId}`, `bob_${a.listingId}`, `cat_${a.listingId}`];
    await a.bid(ann, 3_000);
    await a.bid(bob, 4_000);
    await a.bid(cat, 9_000, 'pm_card_declined');
    expect(a.row().standing).toMatchObject({ leaderId: cat, currentPrice: 4_100 });

    const first = auctionOrderId(a.input, 1);
    const second = auctionOrderId(a.input, 2);
    // Without cat: bob leads ann's 3,000 by one increment.
    expect(await a.result()).toEqual({
      result: 'sold',
      orderId: second,
      winnerId: bob,
      amount: 3_100,
      attempt: 2,
    });
    expect(kit.orders.row(first)).toMatchObject({
      status: 'failed',
      failureReason: 'payment_declined',
      buyerId: cat,
    });
    expect(kit.stock.reservation(first)?.status).toBe('released');
    expectPaidOrder(second, bob, 3_100);
    expect(noticesOf(a)).toContain(`${bob} auction.won`);
    expect(noticesOf(a)).toContain(`${cat} auction.lost`);
    await kit.recordHistory('auction-second-chance', a.handle.workflowId);
  });

  it('second chance once: when the next bidder’s card fails too, the auction ends payment_failed', async () => {
    const a = await startAuction(kit);
    const [ann, bob, cat] = [`ann_${a.listingId}`, `bob_${a.listingId}`, `cat_${a.listingId}`];
    await a.bid(ann, 3_000);
    await a.bid(bob, 4_000, 'pm_card_insufficient_funds');
    await a.bid(cat, 9_000, 'pm_card_declined');
    expect(await a.result()).toEqual({ result: 'payment_failed' });
    expect(kit.inputsOf('placeAuctionOrder').map((o) => o.buyerId)).toEqual([cat, bob]);
    expect(kit.stock.available(a.listingId)).toBe(1);
    expect(noticesOf(a).filter((n) => n.endsWith('auction.won'))).toEqual([]);
    await kit.recordHistory('auction-payment-failed', a.handle.workflowId);
  });
});
