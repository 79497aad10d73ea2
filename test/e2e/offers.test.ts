/**
 * Offers through HTTP on the real stack (API + worker + Temporal dev server + sandbox provider): an
 * offer countered and accepted becomes a paid order on the offer's hold; a purchase that takes the last
 * unit ends the live offers sold_out with their holds voided; the refusals of the contract; and the
 * race of 200 buyers against the seller's acceptance on a single-unit listing.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { offers as offerRows } from '../../db/schema/index.js';
import type { IntentRecord } from '../../sandbox/store.js';
import { eventTypes } from '../support/events.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

async function offersListing(seller: string, overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/v1/listings', {
    user: seller,
    body: {
      title: 'Leather armchair',
      amount: 10_000,
      currency: 'EUR',
      quantity: 1,
      acceptOffers: true,
      ...overrides,
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; acceptOffers: boolean };
}

const offer = (buyer: string, listingId: string, amount: number, paymentMethod = 'pm_card_ok') =>
  api('POST', `/v1/listings/${listingId}/offers`, {
    user: buyer,
    body: { amount, paymentMethod },
    headers: { 'idempotency-key': `offer-${buyer}-${amount}-${listingId}` },
  });

const move = (user: string, offerId: string, action: string, body?: unknown) =>
  api('POST', `/v1/offers/${offerId}/${action}`, { user, ...(body !== undefined && { body }) });

/** The sandbox's holds for an offer (its `metadata.offerId`), oldest first. */
async function holdsOf(offerId: string) {
  const { intents } = (await (await fetch(`${stack().sandboxUrl}/_sandbox/records`)).json()) as {
    intents: IntentRecord[];
  };
  return intents
    .filter((i) => i.metadata?.offerId === offerId)
    .sort((a, b) => a.created - b.created || a.amount - b.amount)
    .map((i) => ({ amount: i.amount, status: i.status, captured: i.amount_captured }));
}

describe('offers', () => {
  it('offer → counter → counter → accept: an order paid at the agreed amount on the buyer’s last hold', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await offersListing(seller);
    expect(listing.acceptOffers).toBe(true);

    const made = await offer(buyer, listing.id, 7_000);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      status: 'pending',
      turn: 'seller',
      amount: 7_000,
      buyerId: buyer,
      sellerId: seller,
    });
    expect(Date.parse(made.body.expiresAt)).toBeGreaterThan(Date.now() + 47 * 3600_000);
    const offerId = made.body.id as string;

    expect((await api('GET', `/v1/offers/${offerId}`, { user: uniqueUser('stranger') })).status).toBe(404);
    expect((await move(uniqueUser('stranger'), offerId, 'accept')).status).toBe(404);
    const outOfTurn = await move(buyer, offerId, 'accept');
    expect(outOfTurn.status).toBe(409);
    expect(outOfTurn.body.code).toBe('invalid_state');
    expect((await move(seller, offerId, 'counter', { amount: 10_000 })).body.code).toBe(
      'amount_out_of_range',
    );

    expect((await move(seller, offerId, 'counter', { amount: 9_000 })).body).toMatchObject({
      status: 'countered',
      turn: 'buyer',
      amount: 9_000,
    });
    expect((await move(buyer, offerId, 'counter', { amount: 8_000 })).body).toMatchObject({
      status: 'pending',
      amount: 8_000,
    });
    const accepted = await move(seller, offerId, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', turn: 'none', amount: 8_000 });
    const orderId = accepted.body.orderId as string;

    const paid = await eventually(async () => {
      const res = await api('GET', `/v1/orders/${orderId}`, { user: buyer });
      return res.body.status === 'paid' && res.body;
    });
    expect(paid).toMatchObject({ amount: 8_000, buyerId: buyer, sellerId: seller, listingId: listing.id });
    // The first hold voided when the buyer raised; the second captured by the order: no third.
    expect(await holdsOf(offerId)).toEqual([
      { amount: 7_000, status: 'voided', captured: 0 },
      { amount: 8_000, status: 'captured', captured: 8_000 },
    ]);
    expect((await api('GET', `/v1/listings/${listing.id}`, { user: buyer })).body.available).toBe(0);
    const mine = await api('GET', '/v1/offers?role=buyer&status=accepted', { user: buyer });
    expect(mine.body.data.map((o: { id: string }) => o.id)).toEqual([offerId]);

    const { db, close } = testDb();
    try {
      expect(await accountBalance(db, `escrow:${orderId}`, 'EUR')).toBe(8_000n);
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
    await eventTypes(seller, ['offer.received', 'offer.countered', 'offer.accepted', 'order.sold']);
    await eventTypes(buyer, ['offer.countered', 'offer.accepted', 'order.paid']);
  });

  it('a purchase of the last unit ends the live offers sold_out, their holds voided', async () => {
    const seller = uniqueUser('seller');
    const listing = await offersListing(seller);
    const buyers = [uniqueUser('buyer'), uniqueUser('buyer')];
    const offers = await Promise.all(buyers.map((b, i) => offer(b, listing.id, 6_000 + i * 1_000)));
    for (const o of offers) expect(o.body).toMatchObject({ status: 'pending' });

    const order = await api('POST', '/v1/orders?wait=payment', {
      user: uniqueUser('buyer'),
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    expect(order.body).toMatchObject({ status: 'paid', amount: 10_000 });

    for (const [i, o] of offers.entries()) {
      const ended = await eventually(async () => {
        const res = await api('GET', `/v1/offers/${o.body.id}`, { user: buyers[i]! });
        return res.body.status === 'declined' && res.body;
      });
      expect(ended).toMatchObject({ reason: 'sold_out', turn: 'none' });
      expect(await holdsOf(o.body.id)).toEqual([{ amount: o.body.amount, status: 'voided', captured: 0 }]);
    }
    await eventTypes(buyers[0]!, ['offer.declined']);
    const late = await offer(uniqueUser('buyer'), listing.id, 5_000);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('out_of_stock');
  });

  it('refusals: own listing, a listing without offers, a price not below, the per-buyer cap, a declined card', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await offersListing(seller, { quantity: 5, autoDeclineAmount: 2_000 });
    expect((await offer(seller, listing.id, 5_000)).body.code).toBe('self_purchase');
    const plain = await offersListing(seller, { acceptOffers: false });
    expect((await offer(buyer, plain.id, 5_000)).body.code).toBe('invalid_state');
    expect((await offer(buyer, listing.id, 10_000)).body.code).toBe('amount_out_of_range');
    const bad = await api('POST', '/v1/listings', {
      user: seller,
      body: {
        title: 'x',
        amount: 1_000,
        currency: 'EUR',
        quantity: 1,
        acceptOffers: true,
        autoAcceptAmount: 1_000,
      },
    });
    expect(bad.status).toBe(422);

    const declined = await offer(buyer, listing.id, 5_000, 'pm_card_declined');
    expect(declined.body).toMatchObject({
      status: 'failed',
      failureReason: 'payment_declined',
      turn: 'none',
    });
    const auto = await offer(buyer, listing.id, 1_500);
    expect(auto.body).toMatchObject({ status: 'declined', reason: 'auto_declined' });
    const third = await offer(buyer, listing.id, 4_000);
    expect(third.body.status).toBe('pending');
    expect((await move(buyer, third.body.id, 'withdraw')).body.status).toBe('withdrawn');
    expect(await holdsOf(third.body.id)).toEqual([{ amount: 4_000, status: 'voided', captured: 0 }]);
    const fourth = await offer(buyer, listing.id, 4_500);
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe('offer_limit_reached');
  });

  it('the race: 200 buyers offer on one unit while the seller accepts one → one order, every other hold voided', async () => {
    const seller = uniqueUser('seller');
    const listing = await offersListing(seller);
    const buyers = Array.from({ length: 200 }, () => uniqueUser('racer'));
    let firstLive!: (offerId: string) => void;
    const live = new Promise<string>((resolve) => (firstLive = resolve));
    const started = performance.now();
    const making = Promise.all(
      buyers.map(async (buyer, i) => {
        const res = await offer(buyer, listing.id, 5_000 + i);
        if (res.status === 201 && res.body.status === 'pending' && res.body.expiresAt) firstLive(res.body.id);
        return res;
      }),
    );
    // The seller accepts the first offer that is live, while the others are still being made.
    const accepted = await move(seller, await live, 'accept');
    expect(accepted.body).toMatchObject({ status: 'accepted' });
    const answers = await making;
    // Each buyer got an offer (201) or was told the unit is gone (409 out_of_stock); no 5xx.
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => `${a.status} ${a.body.code}`)).toEqual(refused.map(() => '409 out_of_stock'));
    const made = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);

    const { db, close } = testDb();
    try {
      const rows = await eventually(async () => {
        const all = await db.select().from(offerRows).where(eq(offerRows.listingId, listing.id));
        return all.every((r) => r.status === 'accepted' || r.reason === 'sold_out') && all;
      }, 60_000);
      expect(rows.map((r) => r.id).sort()).toEqual([...made].sort());
      expect(rows.filter((r) => r.status === 'accepted').map((r) => r.id)).toEqual([accepted.body.id]);
      expect(rows.filter((r) => r.status === 'declined')).toHaveLength(made.length - 1);

      const { intents } = (await (await fetch(`${stack().sandboxUrl}/_sandbox/records`)).json()) as {
        intents: IntentRecord[];
      };
      const holds = intents.filter((i) => made.includes(i.metadata?.offerId ?? ''));
      await eventually(async () => {
        const { intents: now } = (await (await fetch(`${stack().sandboxUrl}/_sandbox/records`)).json()) as {
          intents: IntentRecord[];
        };
        const mine = now.filter((i) => made.includes(i.metadata?.offerId ?? ''));
        return mine.filter((i) => i.status === 'captured').length === 1 && mine;
      }, 30_000).then((mine) => {
        expect(mine).toHaveLength(holds.length);
        expect(mine.filter((i) => i.status === 'voided')).toHaveLength(made.length - 1);
        expect(mine.filter((i) => i.status === 'authorized')).toEqual([]);
      });
      // Every buyer but the one: a hold voided, or none ever placed (refused once the unit was gone).
      expect(made.length - 1 + refused.length).toBe(199);
      const orders = await api('GET', '/v1/orders?role=seller', { user: seller });
      expect(orders.body.data).toHaveLength(1);
      console.log(
        `race: ${made.length} offers made, ${refused.length} refused out_of_stock, ${made.length - 1} holds voided, ${Math.round(performance.now() - started)} ms`,
      );
    } finally {
      await close();
    }
  }, 120_000);
});
