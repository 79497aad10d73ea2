/**
 * The order lifecycle driven by the typed SDK (client/) as an integrator would: list → buy (waiting for
 * payment) → ship → confirm → released, each answer typed by the OpenAPI document; the buyer's event
 * stream is cut mid-way and resumed with Last-Event-ID, losing and repeating nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  createEscrowflowClient,
  describeError,
  type ServerSentEvent,
  streamEvents,
} from '../../client/index.js';
import { eventually, stack, tokenFor, uniqueUser } from '../support/stack.js';

const sdkFor = (user: string) =>
  createEscrowflowClient({ baseUrl: stack().apiUrl, token: () => tokenFor(user), retry: { attempts: 5 } });

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
  it('buys, ships, confirms and releases; the event stream resumes without loss', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const asSeller = sdkFor(seller);
    const asBuyer = sdkFor(buyer);

    const listed = await asSeller.POST('/v1/listings', {
      body: { title: 'Desk', amount: 5_000, currency: 'EUR', quantity: 1 },
    });
    expect(listed.response.status, describeError(listed.error, listed.response)).toBe(201);
    const listing = listed.data!;
    expect(listing).toMatchObject({ sellerId: seller, available: 1, version: 1 });

    const ordered = await asBuyer.POST('/v1/orders', {
      params: { query: { wait: 'payment' } },
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    expect(ordered.data?.status, describeError(ordered.error, ordered.response)).toBe('paid');
    const orderId = ordered.data!.id;
    const path = { params: { path: { id: orderId } } };

    // The escrow takes updates once it runs: its deadlines show it.
    await eventually(async () => (await asBuyer.GET('/v1/orders/{id}', path)).data?.deadlines.shipBy);

    const byBuyer = await asBuyer.POST('/v1/orders/{id}/ship', {
      ...path,
      body: { carrier: 'DHL', trackingNumber: 'JJD0002' },
    });
    expect(byBuyer.response.status).toBe(403);
    expect(byBuyer.error?.code).toBe('forbidden');

    const shipped = await asSeller.POST('/v1/orders/{id}/ship', {
      ...path,
      body: { carrier: 'DHL', trackingNumber: 'JJD0002' },
    });
    expect(shipped.data?.status, describeError(shipped.error, shipped.response)).toBe('shipped');

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

    const delivered = await asBuyer.POST('/v1/orders/{id}/confirm-delivery', path);
    expect(delivered.data?.status, describeError(delivered.error, delivered.response)).toBe('delivered');
    await eventually(async () => (await asBuyer.GET('/v1/orders/{id}', path)).data?.status === 'completed');

    const balance = await asSeller.GET('/v1/sellers/me/balance');
    expect(balance.data?.balances).toEqual([
      { currency: 'EUR', escrow: 0, available: 4_500, inTransit: 0, paidOut: 0 },
    ]);
  });
});
