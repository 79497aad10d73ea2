/**
 * The whole money path driven by the typed SDK (client/) as an integrator would: list → buy (waiting for
 * payment) → ship → confirm → release → payout, each answer typed by the OpenAPI document, with balances
 * at each step; the buyer's event stream is cut mid-way and resumed with Last-Event-ID, losing and
 * repeating nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  createEscrowflowClient,
  describeError,
  type ServerSentEvent,
  streamEvents,
} from '../../client/index.js';
import { checkLedger } from '../../db/queries/ledger.js';
import { payoutWorkflowId, purchaseWorkflowId } from '../../domain/ids.js';
import { recordHistories } from '../support/histories.js';
import { completeOnboarding } from '../support/onboarding.js';
import { eventually, stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';

const sdkFor = (user: string) =>
  createEscrowflowClient({ baseUrl: stack().apiUrl, token: () => tokenFor(user), retry: { attempts: 5 } });
type Sdk = ReturnType<typeof sdkFor>;

const byId = (id: string) => ({ params: { path: { id } } });

const balanceOf = async (asSeller: Sdk) => {
  const { data, error, response } = await asSeller.GET('/v1/sellers/me/balance');
  expect(response.status, describeError(error, response)).toBe(200);
  return data!.balances[0];
};

/** A fresh seller's listing bought by a fresh buyer through the SDK, paid, with its escrow running. */
async function paidOrder(options: { title: string; amount: number; stock: number }) {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  const asSeller = sdkFor(seller);
  const asBuyer = sdkFor(buyer);

  const listed = await asSeller.POST('/v1/listings', {
    body: { title: options.title, amount: options.amount, currency: 'EUR', quantity: options.stock },
  });
  expect(listed.response.status, describeError(listed.error, listed.response)).toBe(201);
  const listing = listed.data!;
  expect(listing).toMatchObject({ sellerId: seller, available: options.stock, version: 1 });

  const ordered = await asBuyer.POST('/v1/orders', {
    params: { query: { wait: 'payment' } },
    body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(ordered.data?.status, describeError(ordered.error, ordered.response)).toBe('paid');
  const order = ordered.data!;
  // The escrow workflow starts right after payment; its deadlines show it is taking updates.
  await eventually(async () => (await asBuyer.GET('/v1/orders/{id}', byId(order.id))).data?.deadlines.shipBy);
  return { seller, buyer, asSeller, asBuyer, listing, order };
}

/** Reads `user`'s events from `lastEventId` until `enough` holds, then drops the connection. */
async function readEvents(
  user: string,
  enough: (events: ServerSentEvent[]) => boolean,
  lastEventId?: string,
) {
  const controller = new AbortController();
  const events: ServerSentEvent[] = [];
  const timer = setTimeout(() => controller.abort(), 20_000);
  const stream = streamEvents({
    baseUrl: stack().apiUrl,
    token: () => tokenFor(user),
    lastEventId,
    signal: controller.signal,
  });
  try {
    for await (const event of stream) {
      events.push(event);
      if (enough(events)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('order lifecycle through the SDK', () => {
  it('ships, confirms, releases minus the fee, and pays the seller out; the event stream resumes without loss', async () => {
    const { seller, buyer, asSeller, asBuyer, order } = await paidOrder({
      title: 'Bike',
      amount: 10_000,
      stock: 1,
    });
    const path = byId(order.id);
    expect(await balanceOf(asSeller)).toEqual({
      currency: 'EUR',
      escrow: 10_000,
      available: 0,
      inTransit: 0,
      paidOut: 0,
    });

    const byBuyer = await asBuyer.POST('/v1/orders/{id}/ship', {
      ...path,
      body: { carrier: 'DHL', trackingNumber: 'JJD0001' },
    });
    expect(byBuyer.response.status).toBe(403);
    expect(byBuyer.error?.code).toBe('forbidden');

    const shipped = await asSeller.POST('/v1/orders/{id}/ship', {
      ...path,
      body: { carrier: 'DHL', trackingNumber: 'JJD0001' },
    });
    expect(shipped.response.status, describeError(shipped.error, shipped.response)).toBe(200);
    expect(shipped.data?.status).toBe('shipped');
    expect(shipped.data?.deadlines.autoConfirmAt).toBeDefined();

    // A first connection sees the payment and drops; a second resumes after it, up to the shipment.
    const shippedEvent = (events: ServerSentEvent[]) => events.some((e) => e.event === 'order.shipped');
    const first = await readEvents(buyer, (events) => events.some((e) => e.event === 'order.paid'));
    const lastId = first.at(-1)?.id;
    expect(lastId).toMatch(/^\d+$/);
    const all = await readEvents(buyer, shippedEvent);
    const resumed = await readEvents(buyer, shippedEvent, lastId);
    const afterFirst = all.slice(all.findIndex((e) => e.id === lastId) + 1);
    expect(resumed.map((e) => e.id)).toEqual(afterFirst.map((e) => e.id));
    expect(resumed.map((e) => e.event)).toContain('order.shipped');

    const lateCancel = await asBuyer.POST('/v1/orders/{id}/cancel', path);
    expect(lateCancel.response.status).toBe(409);
    expect(lateCancel.error?.code).toBe('invalid_state');

    const delivered = await asBuyer.POST('/v1/orders/{id}/confirm-delivery', path);
    expect(delivered.response.status, describeError(delivered.error, delivered.response)).toBe(200);
    expect(delivered.data?.status).toBe('delivered');

    await eventually(async () => (await asBuyer.GET('/v1/orders/{id}', path)).data?.status === 'completed');
    expect(await balanceOf(asSeller)).toEqual({
      currency: 'EUR',
      escrow: 0,
      available: 9_000,
      inTransit: 0,
      paidOut: 0,
    });

    const disabled = await asSeller.POST('/v1/payouts', { body: { currency: 'EUR' } });
    expect(disabled.response.status).toBe(409);
    expect(disabled.error).toMatchObject({ reason: 'payouts_disabled' });

    // Onboarding: the account exists at the provider, but nothing moves until the provider enables it.
    const onboarding = await asSeller.POST('/v1/sellers/me/payout-account');
    expect(onboarding.response.status, describeError(onboarding.error, onboarding.response)).toBe(201);
    expect(onboarding.data).toMatchObject({ payoutEnabled: false, onboardingUrl: expect.any(String) });
    const notYet = await asSeller.POST('/v1/payouts', { body: { currency: 'EUR' } });
    expect(notYet.response.status).toBe(409);
    expect(notYet.error).toMatchObject({ code: 'invalid_state', reason: 'onboarding_incomplete' });
    await completeOnboarding(onboarding.data!.accountId);
    await eventually(async () => (await asSeller.GET('/v1/sellers/me/payout-account')).data?.payoutEnabled);
    const payout = await asSeller.POST('/v1/payouts', {
      body: { currency: 'EUR' },
      headers: { 'idempotency-key': `payout-${seller}` },
    });
    expect(payout.response.status, describeError(payout.error, payout.response)).toBe(202);
    expect(payout.data).toMatchObject({ amount: 9_000, currency: 'EUR' });
    const payoutId = payout.data!.id;
    const paid = await eventually(async () => {
      const { data } = await asSeller.GET('/v1/payouts/{id}', byId(payoutId));
      return data?.status === 'paid' && data;
    });
    expect(paid.amount).toBe(9_000);
    expect(await balanceOf(asSeller)).toEqual({
      currency: 'EUR',
      escrow: 0,
      available: 0,
      inTransit: 0,
      paidOut: 9_000,
    });

    await recordHistories({
      'purchase-completed': purchaseWorkflowId({ orderId: order.id }),
      'payout-paid': payoutWorkflowId({ payoutId }),
    });

    const again = await asSeller.POST('/v1/payouts', { body: { currency: 'EUR' } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ reason: 'below_minimum' });

    const { db, close } = testDb();
    try {
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
  });

  it('a seller cancels before shipment: refunded and restocked', async () => {
    const { asSeller, asBuyer, order, listing } = await paidOrder({ title: 'Bike', amount: 4_000, stock: 1 });
    const path = byId(order.id);
    const stranger = await sdkFor(uniqueUser('stranger')).POST('/v1/orders/{id}/cancel', path);
    expect(stranger.response.status).toBe(404);
    const cancelled = await asSeller.POST('/v1/orders/{id}/cancel', path);
    expect(cancelled.response.status, describeError(cancelled.error, cancelled.response)).toBe(200);
    expect(cancelled.data?.status).toBe('cancelled');
    const restocked = await asBuyer.GET('/v1/listings/{id}', byId(listing.id));
    expect(restocked.data?.available).toBe(1);
    expect(await balanceOf(asSeller)).toEqual({
      currency: 'EUR',
      escrow: 0,
      available: 0,
      inTransit: 0,
      paidOut: 0,
    });
    await recordHistories({ 'purchase-cancelled': purchaseWorkflowId({ orderId: order.id }) });
  });
});
