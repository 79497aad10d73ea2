/**
 * An auction through HTTP on the real stack (API + worker + Temporal dev server + sandbox provider):
 * listed, bid on under the proxy rule (an outbid bidder hears it over SSE), refused below the minimum,
 * to the seller and after the end; at the end the winner's order is paid at the proxy price on the
 * winner's card through order-<id>. The API runs in-process with a one-second soft close, so bids
 * placed seconds before the end do not move it.
 */

import { type Client, ServiceError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../../db/queries/ledger.js';
import { expectBidRowsOf } from '../support/auction-rows.js';
import { eventTypes } from '../support/events.js';
import { eventually, testDb, tokenFor, uniqueUser } from '../support/stack.js';
import { type InProcessApi, inProcessApi } from './in-process-api.js';

/** The real client, except that starting a workflow fails as it does while the server is unreachable. */
function unreachableOnStart(real: Client): Client {
  const fail = async () => {
    throw new ServiceError('Failed to start Workflow', { cause: new Error('14 UNAVAILABLE') });
  };
  const workflow = Object.create(real.workflow, { start: { value: fail } });
  return Object.create(real, { workflow: { value: workflow } });
}

let api: InProcessApi;
let down: InProcessApi;
beforeAll(async () => {
  api = await inProcessApi({ env: { AUCTION_SOFT_CLOSE_MS: '1000' } });
  down = await inProcessApi({ temporal: unreachableOnStart });
});
afterAll(async () => {
  await api?.close();
  await down?.close();
});

async function call(method: string, path: string, user: string, body?: unknown, on = api, key?: string) {
  const res = await fetch(on.url + path, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(user)}`,
      ...(key && { 'idempotency-key': key }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const bid = (user: string, listingId: string, maxAmount: number) =>
  call('POST', `/v1/listings/${listingId}/bids`, user, { maxAmount, paymentMethod: 'pm_card_ok' });

describe('auctions', () => {
  it('bids, outbid, the end, the winner’s order paid at the proxy price', async () => {
    const [seller, ann, bob, cat] = ['seller', 'ann', 'bob', 'cat'].map(uniqueUser) as [
      string,
      string,
      string,
      string,
    ];
    const endsAt = new Date(Date.now() + 8_000).toISOString();
    const listed = await call('POST', '/v1/listings', seller, {
      title: 'Vintage camera',
      currency: 'EUR',
      quantity: 1,
      format: 'auction',
      auction: { startAmount: 1_000, reserveAmount: 2_000, endsAt, bidIncrement: 100 },
    });
    expect(listed.status).toBe(201);
    expect(listed.body).toMatchObject({ format: 'auction', amount: 1_000, quantity: 1 });
    const listingId: string = listed.body.id;

    expect((await bid(seller, listingId, 5_000)).body).toMatchObject({ status: 422, code: 'self_purchase' });
    expect((await bid(ann, listingId, 900)).body).toMatchObject({ code: 'bid_too_low', minimumBid: 1_000 });
    const first = await bid(ann, listingId, 5_000);
    expect(first).toMatchObject({
      status: 201,
      body: { bidderId: ann, status: 'leading', currentPrice: 2_000, endsAt },
    });
    expect((await bid(bob, listingId, 3_000)).body).toMatchObject({ status: 'outbid', currentPrice: 3_100 });
    expect((await bid(cat, listingId, 6_000)).body).toMatchObject({ status: 'leading', currentPrice: 5_100 });
    expect((await bid(bob, listingId, 5_100)).body).toMatchObject({ code: 'bid_too_low', minimumBid: 5_200 });
    // A fixed-price purchase of an auction is refused.
    const bought = await call('POST', '/v1/orders', bob, {
      listingId,
      quantity: 1,
      paymentMethod: 'pm_card_ok',
    });
    expect(bought.body).toMatchObject({ status: 409, code: 'invalid_state' });

    expect((await call('GET', `/v1/listings/${listingId}/auction`, ann, undefined)).body).toEqual({
      listingId,
      status: 'open',
      currentPrice: 5_100,
      currency: 'EUR',
      minimumBid: 5_200,
      bidCount: 3,
      leading: false,
      reserveMet: true,
      endsAt,
    });
    expect(await eventTypes(ann, ['auction.outbid'])).toContain('auction.outbid');

    // The end: the workflow's timer, then the winner's order through order-<id>.
    const ended = await eventually(async () => {
      const view = await call('GET', `/v1/listings/${listingId}/auction`, cat, undefined);
      return view.body.outcome && view.body;
    }, 60_000);
    expect(ended).toMatchObject({
      status: 'ended',
      leading: true,
      outcome: { result: 'sold', winnerId: cat },
    });
    const orderId: string = ended.outcome.orderId;
    const order = await call('GET', `/v1/orders/${orderId}`, cat, undefined);
    expect(order.body).toMatchObject({ buyerId: cat, sellerId: seller, amount: 5_100, status: 'paid' });
    // The others see the result, not who won.
    const seen = await call('GET', `/v1/listings/${listingId}/auction`, bob, undefined);
    expect(seen.body.outcome).toEqual({ result: 'sold' });
    expect((await bid(bob, listingId, 9_000)).body).toMatchObject({ status: 409, code: 'auction_closed' });

    expect(await eventTypes(cat, ['auction.won'])).toContain('auction.won');
    expect(await eventTypes(seller, ['auction.ended'])).toContain('auction.ended');
    expect(await eventTypes(bob, ['auction.lost'])).toContain('auction.lost');
    const { db, close } = testDb();
    try {
      expect(await checkLedger(db)).toMatchObject({ ok: true });
    } finally {
      await close();
    }
  });

  it('a rush: 100 bidders, 300 bids in the last seconds → no 5xx, no accepted bid lost, one winner paid at the proxy price', async () => {
    const seller = uniqueUser('seller');
    const bidders = Array.from({ length: 100 }, (_, i) => uniqueUser(`rush${i}`));
    const listed = await call('POST', '/v1/listings', seller, {
      title: 'Signed guitar',
      currency: 'EUR',
      quantity: 1,
      format: 'auction',
      auction: { startAmount: 1_000, endsAt: new Date(Date.now() + 6_000).toISOString(), bidIncrement: 50 },
    });
    const listingId: string = listed.body.id;
    // Three bids per bidder, maxima rising with noise (deterministic), 30 requests in flight: they race
    // for the same minimum, so many are refused (422) and the rest outbid one another.
    const attempts = Array.from({ length: 300 }, (_, i) => ({
      bidder: bidders[i % 100]!,
      maxAmount: 1_000 + 100 * i + ((i * 7_919) % 3_000),
    }));
    const answers: { status: number; body: any }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        for (let i = next++; i < attempts.length; i = next++)
          answers.push(await bid(attempts[i]!.bidder, listingId, attempts[i]!.maxAmount));
      }),
    );
    expect(answers.filter((a) => ![201, 409, 422].includes(a.status))).toEqual([]);
    const accepted = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);
    expect(accepted.length).toBeGreaterThan(50);

    const ended = await eventually(async () => {
      const view = await call('GET', `/v1/listings/${listingId}/auction`, seller, undefined);
      return view.body.outcome && view.body;
    }, 60_000);
    // Every 201 is a bid row, and no row without its 201; prices never went down in the lock's order.
    // The winner and price are the proxy rule's over the accepted bids.
    const expected = await expectBidRowsOf(listingId, accepted, { startAmount: 1_000, bidIncrement: 50 });
    expect(ended.outcome).toMatchObject({ result: 'sold', winnerId: expected.leaderId });
    const order = await call('GET', `/v1/orders/${ended.outcome.orderId}`, seller, undefined);
    expect(order.body).toMatchObject({
      buyerId: expected.leaderId,
      amount: expected.currentPrice,
      status: 'paid',
    });
  });

  it('a listing whose workflow did not start: 503, and the retry with the same Idempotency-Key starts that auction', async () => {
    const seller = uniqueUser('seller');
    const body = {
      title: 'Old map',
      currency: 'EUR',
      quantity: 1,
      format: 'auction',
      auction: { startAmount: 500, endsAt: new Date(Date.now() + 3_000).toISOString() },
    };
    const key = `auction-${seller}`;
    const refused = await call('POST', '/v1/listings', seller, body, down, key);
    expect(refused.body).toMatchObject({ status: 503, code: 'upstream_unavailable' });
    const retried = await call('POST', '/v1/listings', seller, body, api, key);
    expect(retried).toMatchObject({ status: 201, body: { id: refused.body.listingId, format: 'auction' } });
    // Its workflow owns the end: no bids, unsold.
    const ended = await eventually(async () => {
      const view = await call('GET', `/v1/listings/${retried.body.id}/auction`, seller);
      return view.body.outcome && view.body;
    }, 30_000);
    expect(ended).toMatchObject({ status: 'ended', bidCount: 0, outcome: { result: 'unsold' } });
  });
});
