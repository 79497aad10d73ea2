/**
 * Operators and the two negotiated ways to sell, on the real stack (API in-process with a one-second
 * soft close, worker, Temporal dev server, sandbox provider): GET /v1/ops/offers and /v1/ops/auctions
 * with their filters and pages; the timeline of an order born from an offer (its moves) and of one born
 * from an auction (listed, ended, the winner's failed order, the second chance); and reconciliation
 * reporting a hold left authorized on an offer that ended (`stranded_hold`), and not once voided.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../config/env.js';
import { recordPayment } from '../../db/queries/payments.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import type { IntentRecord } from '../../sandbox/store.js';
import { eventually, stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

let api: InProcessApi;
beforeAll(async () => {
  api = await inProcessApi({ env: { AUCTION_SOFT_CLOSE_MS: '1000' } });
});
afterAll(async () => {
  await api?.close();
});

const OPERATOR = uniqueUser('ops');

async function call(method: string, path: string, user: string, body?: unknown) {
  const role = user === OPERATOR ? 'operator' : 'buyer';
  const res = await fetch(api.url + path, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(user, role)}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const ops = async (path: string) => {
  const res = await call('GET', path, OPERATOR);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const ids = (page: { data: Array<{ id?: string; listingId?: string }> }) =>
  page.data.map((x) => x.id ?? x.listingId);

async function offersListing(seller: string) {
  const res = await call('POST', '/v1/listings', seller, {
    title: 'Oak desk',
    amount: 10_000,
    currency: 'EUR',
    quantity: 1,
    acceptOffers: true,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
const offer = (buyer: string, listingId: string, amount: number) =>
  call('POST', `/v1/listings/${listingId}/offers`, buyer, { amount, paymentMethod: 'pm_card_ok' });
const move = (user: string, offerId: string, action: string, body?: unknown) =>
  call('POST', `/v1/offers/${offerId}/${action}`, user, body);

async function intentsOf(offerId: string) {
  const res = await fetch(`${stack().sandboxUrl}/_sandbox/records`);
  const { intents } = (await res.json()) as { intents: IntentRecord[] };
  return intents.filter((i) => i.metadata?.offerId === offerId);
}

async function reconcile(from: Date, to: Date) {
  const res = await call('POST', '/v1/ops/reconciliation', OPERATOR, {
    from: from.toISOString(),
    to: to.toISOString(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.mismatches as Array<Record<string, unknown>>;
}

describe('operators: offers', () => {
  it('lists offers by party, listing and status in pages; the order’s timeline starts with the offer’s moves', async () => {
    const [seller, buyer, other] = ['seller', 'buyer', 'other'].map(uniqueUser) as [string, string, string];
    const [desk, lamp] = [await offersListing(seller), await offersListing(seller)];
    const made = await offer(buyer, desk, 7_000);
    expect(made.body).toMatchObject({ status: 'pending' });
    const offerId: string = made.body.id;
    expect((await move(seller, offerId, 'counter', { amount: 9_000 })).body.status).toBe('countered');
    expect((await move(buyer, offerId, 'counter', { amount: 8_000 })).body.status).toBe('pending');
    const accepted = await move(seller, offerId, 'accept');
    expect(accepted.body).toMatchObject({ status: 'accepted', amount: 8_000 });
    const orderId: string = accepted.body.orderId;
    const withdrawn = (await offer(other, lamp, 6_000)).body.id as string;
    expect((await move(other, withdrawn, 'withdraw')).body.status).toBe('withdrawn');

    expect(ids(await ops(`/v1/ops/offers?sellerId=${seller}`))).toEqual([withdrawn, offerId]);
    expect(ids(await ops(`/v1/ops/offers?sellerId=${seller}&status=accepted`))).toEqual([offerId]);
    expect(ids(await ops(`/v1/ops/offers?buyerId=${other}`))).toEqual([withdrawn]);
    expect(ids(await ops(`/v1/ops/offers?listingId=${desk}`))).toEqual([offerId]);
    expect(ids(await ops(`/v1/ops/offers?sellerId=${seller}&olderThan=1d`))).toEqual([]);
    const first = await ops(`/v1/ops/offers?sellerId=${seller}&limit=1`);
    expect(ids(first)).toEqual([withdrawn]);
    const second = await ops(`/v1/ops/offers?sellerId=${seller}&limit=1&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ nextCursor: null, data: [{ id: offerId, orderId, amount: 8_000 }] });
    expect((await call('GET', '/v1/ops/offers', seller)).status).toBe(403);

    await eventually(async () => (await call('GET', `/v1/orders/${orderId}`, buyer)).body.status === 'paid');
    const timeline = await ops(`/v1/ops/orders/${orderId}/timeline`);
    expect(Object.keys(timeline).slice(0, 3)).toEqual(['order', 'origin', 'events']);
    expect(timeline.origin).toMatchObject({
      kind: 'offer',
      offerId,
      workflowId: `offer-${offerId}`,
      status: 'accepted',
      amount: 8_000,
      currency: 'EUR',
    });
    expect(timeline.origin.events.map((e: any) => [e.type, e.by, e.amount])).toEqual([
      ['offer.made', 'buyer', 7_000],
      ['offer.countered', 'seller', 9_000],
      ['offer.countered', 'buyer', 8_000],
      ['offer.accepted', 'seller', 8_000],
    ]);
    const times = timeline.origin.events.map((e: any) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBeLessThanOrEqual(Date.parse(timeline.events[0].at));
    expect(timeline.workflows.map((w: any) => w.workflowId)).toEqual(
      expect.arrayContaining([`offer-${offerId}`, `order-${orderId}`]),
    );
  });

  it('reconciliation reports a hold left authorized on an ended offer, and not once it is voided', async () => {
    const from = new Date(Date.now() - 1_000);
    const [seller, buyer] = ['seller', 'buyer'].map(uniqueUser) as [string, string];
    const listing = await offersListing(seller);
    const offerId: string = (await offer(buyer, listing, 6_000)).body.id;
    expect((await move(buyer, offerId, 'withdraw')).body.status).toBe('withdrawn');
    // The offer's own hold: voided before its final state was written.
    const [own] = await intentsOf(offerId);
    expect(own).toMatchObject({ amount: 6_000, status: 'voided' });

    // Two holds left on the ended offer: one our books never recorded (as if authorized outside the
    // offer's workflow), one recorded as the workflow records its holds, whose void never came.
    const env = loadEnv(stack().env);
    const provider = createSandboxProvider({ baseUrl: env.PAYMENTS_BASE_URL, apiKey: env.PAYMENTS_API_KEY });
    const authorize = (step: string, amount: number) =>
      provider.authorize({
        idempotencyKey: `offer-${offerId}:${step}`,
        amount,
        currency: 'EUR',
        paymentMethod: 'pm_card_ok',
        metadata: { orderId: `ord_${offerId}`, offerId },
      });
    const unrecorded = await authorize('planted-unrecorded', 6_100);
    const recorded = await authorize('authorize:9', 6_200);
    const { db, close } = testDb();
    try {
      await recordPayment(db, {
        id: `pay_planted_${offerId}`,
        offerId,
        kind: 'authorization',
        idempotencyKey: `offer-${offerId}:authorize:9`,
        providerRef: recorded.id,
        amount: 6_200,
        currency: 'EUR',
        status: recorded.status,
      });
    } finally {
      await close();
    }
    const stranded = (ref: string, amount: number) => ({
      kind: 'stranded_hold',
      ref,
      offerId,
      ours: 'withdrawn',
      theirs: amount,
    });
    const ours = (mismatches: Array<Record<string, unknown>>) =>
      mismatches.filter((m) => m.offerId === offerId);
    try {
      const now = new Date(Date.now() + 1_000);
      expect(ours(await reconcile(from, now))).toEqual(
        expect.arrayContaining([stranded(unrecorded.id, 6_100), stranded(recorded.id, 6_200)]),
      );
      expect(ours(await reconcile(from, now))).toHaveLength(2);
      // A period before both: the recorded hold is found by every run, the unrecorded one by its period.
      expect(ours(await reconcile(new Date(from.getTime() - 60_000), from))).toEqual([
        stranded(recorded.id, 6_200),
      ]);
    } finally {
      // An operator's repair: the holds voided at the provider.
      await provider.void({ idempotencyKey: `repair-${unrecorded.id}`, intentId: unrecorded.id });
      await provider.void({ idempotencyKey: `repair-${recorded.id}`, intentId: recorded.id });
    }
    expect(ours(await reconcile(from, new Date(Date.now() + 1_000)))).toEqual([]);
  });
});

describe('operators: auctions', () => {
  it('lists auctions by seller, bidder, winner and status; the second chance’s timeline starts with the auction', async () => {
    const [seller, ann, bob] = ['seller', 'ann', 'bob'].map(uniqueUser) as [string, string, string];
    const listed = await call('POST', '/v1/listings', seller, {
      title: 'Brass telescope',
      currency: 'EUR',
      quantity: 1,
      format: 'auction',
      auction: { startAmount: 1_000, endsAt: new Date(Date.now() + 4_000).toISOString(), bidIncrement: 100 },
    });
    expect(listed.status).toBe(201);
    const listingId: string = listed.body.id;
    const bid = (user: string, maxAmount: number, paymentMethod: string) =>
      call('POST', `/v1/listings/${listingId}/bids`, user, { maxAmount, paymentMethod });
    // Ann wins on a card that will be declined: her order fails, Bob gets the second chance.
    expect((await bid(ann, 5_000, 'pm_card_declined')).body).toMatchObject({ status: 'leading' });
    expect((await bid(bob, 3_000, 'pm_card_ok')).body).toMatchObject({
      status: 'outbid',
      currentPrice: 3_100,
    });
    const open = await ops(`/v1/ops/auctions?listingId=${listingId}`);
    expect(open.data).toEqual([
      expect.objectContaining({ listingId, status: 'open', bidCount: 2, currentPrice: 3_100, leaderId: ann }),
    ]);

    const ended = await eventually(async () => {
      const view = await call('GET', `/v1/listings/${listingId}/auction`, seller);
      return view.body.outcome && view.body;
    }, 60_000);
    const [first, second] = [`ord_${listingId}_1`, `ord_${listingId}_2`];
    expect(ended.outcome).toEqual({ result: 'sold', orderId: second, winnerId: bob });

    const [row] = (await ops(`/v1/ops/auctions?sellerId=${seller}&status=ended`)).data;
    expect(row).toMatchObject({
      listingId,
      sellerId: seller,
      status: 'ended',
      result: 'sold',
      startAmount: 1_000,
      bidCount: 2,
      currentPrice: 3_100,
      reserveMet: true,
      orderId: second,
      winnerId: bob,
      links: { workflow: `auction-${listingId}`, timeline: `/v1/ops/orders/${second}/timeline` },
    });
    expect(ids(await ops(`/v1/ops/auctions?sellerId=${seller}&status=open`))).toEqual([]);
    expect(ids(await ops(`/v1/ops/auctions?bidderId=${ann}`))).toEqual([listingId]);
    expect(ids(await ops(`/v1/ops/auctions?buyerId=${bob}&result=sold`))).toEqual([listingId]);
    expect(ids(await ops(`/v1/ops/auctions?buyerId=${ann}`))).toEqual([]);
    expect((await call('GET', '/v1/ops/auctions', bob)).status).toBe(403);

    const timeline = await ops(`/v1/ops/orders/${second}/timeline`);
    expect(Object.keys(timeline).slice(0, 3)).toEqual(['order', 'origin', 'events']);
    expect(timeline.origin).toMatchObject({
      kind: 'auction',
      listingId,
      workflowId: `auction-${listingId}`,
      status: 'ended',
      result: 'sold',
      bidCount: 2,
      finalPrice: 3_100,
      winnerId: bob,
      orders: [
        { attempt: 1, orderId: first, buyerId: ann, amount: 3_100, status: 'failed' },
        { attempt: 2, orderId: second, buyerId: bob, amount: 1_000, status: 'paid' },
      ],
    });
    expect(timeline.origin.events.map((e: any) => [e.type, e.orderId ?? null, e.amount])).toEqual([
      ['auction.listed', null, 1_000],
      ['auction.ended', null, 3_100],
      ['auction.winner_order', first, 3_100],
      ['auction.second_chance', second, 1_000],
    ]);
    expect(timeline.workflows.map((w: any) => w.workflowId)).toEqual(
      expect.arrayContaining([`auction-${listingId}`, `order-${second}`]),
    );
  });
});
