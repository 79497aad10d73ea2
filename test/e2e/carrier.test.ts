/**
 * Carrier tracking over the real stack: the worker registers a shipped parcel with the sandbox carrier;
 * the carrier's signed `delivered` webhook moves the order to `delivered` and starts the dispute window
 * (1.5 s here), after which the funds are released. Duplicates change nothing; forged deliveries are
 * refused; events for parcels the platform does not know are stored and move nothing.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { carrierEvents, orderEvents } from '../../db/schema/index.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import { signPayload } from '../../payments/webhook-signature.js';
import { recordHistories } from '../support/histories.js';
import { paidOrder } from '../support/orders.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

const secret = () => stack().env.CARRIER_WEBHOOK_SECRET ?? 'whsec_carrier_dev';
const now = () => Math.floor(Date.now() / 1000);
const { db, close } = testDb();
afterAll(close);

function post(body: string, signature: string | undefined) {
  return api('POST', '/v1/webhooks/carrier', {
    rawBody: body,
    headers: signature ? { 'escrowflow-signature': signature } : {},
  });
}

const parcel = () => ({ carrier: 'SandboxPost', trackingNumber: uniqueUser('SP').replace('_', '-') });

/** The sandbox carrier scans the parcel; by default it tells the platform with a signed webhook. */
async function carrierScan(scanned: { carrier: string; trackingNumber: string }, status: string) {
  const res = await fetch(`${stack().sandboxUrl}/_sandbox/carrier/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...scanned, status }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { event: { id: string; occurredAt: string }; webhook: string };
  expect(body.webhook).toBe('sent');
  return body.event;
}

const storedEvent = async (id: string) =>
  (await db.select().from(carrierEvents).where(eq(carrierEvents.id, id)))[0];

const trackerEvent = (id: string, scanned: { carrier: string; trackingNumber: string }, status: string) =>
  JSON.stringify({
    id,
    type: 'tracker.updated',
    created: now(),
    data: { ...scanned, status, occurredAt: new Date().toISOString() },
  });

describe('carrier tracking', () => {
  it("the carrier's delivered webhook delivers a shipped order, starts the dispute window, then it completes", async () => {
    const { seller, buyer, order } = await paidOrder({ title: 'Parcel' });
    const shippedParcel = parcel();
    const shipped = await api('POST', `/v1/orders/${order.id}/ship`, { user: seller, body: shippedParcel });
    expect(shipped.body.status).toBe('shipped');
    // The worker registered the parcel with the carrier.
    const tracker = await eventually(async () => {
      const res = await fetch(
        `${stack().env.CARRIER_BASE_URL}/trackers/${shippedParcel.carrier}/${shippedParcel.trackingNumber}`,
        { headers: { authorization: `Bearer ${stack().env.CARRIER_API_KEY ?? 'ck_test_escrowflow'}` } },
      );
      return res.ok && ((await res.json()) as { status: string });
    });
    expect(tracker.status).toBe('pre_transit');

    // A scan on the way is stored with its order and changes nothing.
    const inTransit = await carrierScan(shippedParcel, 'in_transit');
    expect(
      await eventually(async () => (await storedEvent(inTransit.id))?.orderId === order.id && true),
    ).toBe(true);
    expect((await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status).toBe('shipped');

    const delivered = await carrierScan(shippedParcel, 'delivered');
    // Delivered for the 1.5 s dispute window, with its deadline; then released.
    const deliveredOrder = await eventually(async () => {
      const res = await api('GET', `/v1/orders/${order.id}`, { user: buyer });
      return res.body.status === 'delivered' && res.body;
    });
    expect(Date.parse(deliveredOrder.deadlines.disputeWindowEndsAt)).toBeGreaterThan(
      Date.parse(delivered.occurredAt),
    );
    const stored = await storedEvent(delivered.id);
    expect(stored).toMatchObject({
      ...shippedParcel,
      status: 'delivered',
      orderId: order.id,
      source: 'webhook',
    });
    expect(stored?.occurredAt.toISOString()).toBe(delivered.occurredAt);
    await eventually(
      async () => (await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status === 'completed',
    );

    // The same event again (the carrier's retry, signed anew): acknowledged, no second effect.
    // One body, signed as sent: built twice, its timestamp could differ by a millisecond (401).
    const redelivery = trackerEvent(delivered.id, shippedParcel, 'delivered');
    const again = await post(redelivery, signPayload(secret(), redelivery, now() - 1));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ received: true, duplicate: true });
    const deliveries = await db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.type, 'order.delivered')));
    expect(deliveries).toHaveLength(1);
    expect((await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status).toBe('completed');
    // With RECORD_HISTORIES set: an escrow through carrier tracking, for the replay test.
    await recordHistories({ 'purchase-carrier-delivered': purchaseWorkflowId({ orderId: order.id }) });
  });

  it('refuses forged, stale and unsigned deliveries, storing nothing', async () => {
    const scanned = parcel();
    const id = `cev_${uniqueUser('forged')}`;
    const body = trackerEvent(id, scanned, 'delivered');
    const forged = await post(body, signPayload('whsec_attacker', body, now()));
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect(forged.body).toMatchObject({ code: 'unauthorized' });
    expect(forged.body.detail).toContain('bad_signature');
    const stale = await post(body, signPayload(secret(), body, now() - 301));
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toContain('stale');
    // Signed with the payment provider's secret: not the carrier's, so not the carrier.
    const paymentsSigned = await post(
      body,
      signPayload(stack().env.PAYMENTS_WEBHOOK_SECRET ?? 'whsec_escrowflow_dev', body, now()),
    );
    expect(paymentsSigned.status).toBe(401);
    expect((await post(body, undefined)).status).toBe(400);
    expect(await storedEvent(id)).toBeUndefined();
  });

  it('stores an event for a parcel no order has and moves nothing; keeps an unreadable one', async () => {
    const { seller, buyer, order } = await paidOrder({ title: 'Parcel 3' });
    const shippedParcel = parcel();
    await api('POST', `/v1/orders/${order.id}/ship`, { user: seller, body: shippedParcel });

    const unknown = { ...shippedParcel, trackingNumber: `${shippedParcel.trackingNumber}-OTHER` };
    const id = `cev_${uniqueUser('unknown')}`;
    const body = trackerEvent(id, unknown, 'delivered');
    const res = await post(body, signPayload(secret(), body, now()));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, orderId: null });
    expect(await storedEvent(id)).toMatchObject({ ...unknown, status: 'delivered', orderId: null });
    expect((await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status).toBe('shipped');

    const garbage = '{"id": 42, "type": "tracker.updated"}';
    const kept = await post(garbage, signPayload(secret(), garbage, now()));
    expect(kept.status).toBe(200);
    expect(kept.body.stored).toMatch(/^malformed_carrier_/);
    const noScan = JSON.stringify({ id: `cev_${uniqueUser('noscan')}`, type: 'tracker.updated', data: {} });
    expect((await post(noScan, signPayload(secret(), noScan, now()))).body.stored).toMatch(
      /^malformed_carrier_/,
    );
  });
});
