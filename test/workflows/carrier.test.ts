/**
 * Carrier tracking in escrow on the time-skipping server, with the stack's sandbox carrier: a delivery
 * report (signal) or a poll that finds the parcel delivered moves a shipped order to `delivered` and
 * starts the dispute window; a carrier that never reports leaves it to auto-confirmation; a report
 * before shipment changes nothing. The days of waiting pass in seconds.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CarrierProvider } from '../../carriers/provider.js';
import { accountBalance } from '../../db/queries/ledger.js';
import { findOrder } from '../../db/queries/orders.js';
import { carrierEvents, notifications } from '../../db/schema/index.js';
import type { TrackedParcel } from '../../domain/carrier.js';
import type { PurchaseInput } from '../../domain/purchase.js';
import {
  carrierDeliveredSignal,
  confirmDeliveryUpdate,
  escrowStatusQuery,
  shipUpdate,
} from '../../workflows/escrow.js';
import { sandboxCarrier } from '../support/activities.js';
import { DAY, DEFAULT_TIMERS, pendingOrder } from '../support/fixtures.js';
import { payOrder } from '../support/paid-order.js';
import { eventually, stack, uniqueUser } from '../support/stack.js';
import { timeSkippingPerTest } from '../support/time-skipping.js';

const HOUR = 3600_000;

// The sandbox carrier, watched: each poll is counted, and a test may make the carrier scan the parcel
// (through the sandbox's control endpoint) just before a given poll reads it.
let polls = 0;
let beforePoll: ((poll: number, parcel: TrackedParcel) => Promise<void>) | undefined;
let beforeRegister: (() => Promise<void>) | undefined;
const watchedCarrier: CarrierProvider = {
  name: 'sandbox (watched)',
  async registerTracker(req) {
    await beforeRegister?.();
    return sandboxCarrier().registerTracker(req);
  },
  async getTracking(parcel) {
    polls += 1;
    await beforePoll?.(polls, parcel);
    return sandboxCarrier().getTracking(parcel);
  },
};
const ts = timeSkippingPerTest({ carriers: watchedCarrier });
beforeEach(() => {
  polls = 0;
  beforePoll = undefined;
  beforeRegister = undefined;
});

/** The carrier scans the parcel (sandbox control endpoint); no webhook, this server hears none anyway. */
async function carrierScan(parcel: TrackedParcel, status: string) {
  const res = await fetch(`${stack().sandboxUrl}/_sandbox/carrier/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...parcel, status, deliverWebhook: false }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { event: { id: string; occurredAt: string } }).event;
}

async function shippedOrder(carrierPollMs: number) {
  const pending = await pendingOrder(ts.db, { amount: 10_000, feeBps: 1000 });
  const input: PurchaseInput = {
    ...pending,
    escrow: { ...pending.escrow, timers: { ...DEFAULT_TIMERS, carrierPollMs } },
  };
  const { paid, order: escrow } = await payOrder(ts, input);
  expect(paid.status).toBe('paid');
  const parcel = { carrier: 'SandboxPost', trackingNumber: uniqueUser('SP').replace('_', '-') };
  const ship = () => escrow.executeUpdate(shipUpdate, { args: [{ userId: input.sellerId, ...parcel }] });
  return { input, escrow, parcel, ship };
}

async function runningTimeMs(handle: { describe(): Promise<{ startTime: Date; closeTime?: Date }> }) {
  const { startTime, closeTime } = await handle.describe();
  return (closeTime?.getTime() ?? Number.NaN) - startTime.getTime();
}

const deliveredNotifications = (orderId: string) =>
  ts.db
    .select({ userId: notifications.userId, payload: notifications.payload })
    .from(notifications)
    .where(and(eq(notifications.orderId, orderId), eq(notifications.type, 'order.delivered')));

describe('carrier tracking in escrow (time-skipping)', () => {
  it('a delivery report while shipped delivers the order, starts the dispute window, then releases', async () => {
    const { input, escrow, parcel, ship } = await shippedOrder(6 * HOUR);
    expect((await ship()).status).toBe('shipped');
    // The workflow registered the parcel with the carrier.
    expect(await eventually(() => sandboxCarrier().getTracking(parcel))).toMatchObject({
      ...parcel,
      status: 'pre_transit',
    });

    const occurredAt = new Date().toISOString();
    await escrow.signal(carrierDeliveredSignal, { eventId: 'cev_signalled', occurredAt, source: 'webhook' });
    const delivered = await eventually(async () => {
      const state = await escrow.query(escrowStatusQuery);
      return state.status === 'delivered' && state;
    });
    expect(delivered).toMatchObject({ deliveredBy: 'carrier', carrierEventId: 'cev_signalled' });
    expect(delivered.deadlines.disputeWindowEndsAt).toBeDefined();
    const order = await findOrder(ts.db, input.orderId);
    expect(order?.status).toBe('delivered');
    expect(Date.parse(order!.deadlines.disputeWindowEndsAt!)).toBeGreaterThan(Date.parse(occurredAt));
    const notified = await eventually(async () => {
      const rows = await deliveredNotifications(input.orderId);
      return rows.length === 2 && rows;
    });
    for (const row of notified)
      expect(row.payload).toMatchObject({ deliveredBy: 'carrier', carrierEventId: 'cev_signalled' });

    const state = await escrow.result();
    expect(state.status).toBe('completed');
    // Released when the 3-day window closed, long before the 14-day auto-confirmation would have been.
    const ran = await runningTimeMs(escrow);
    expect(ran).toBeGreaterThanOrEqual(3 * DAY);
    expect(ran).toBeLessThan(4 * DAY);
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(9_000n);
  });

  it('polling finds the delivery no webhook reported: delivered at the third poll, before auto-confirm', async () => {
    const { input, escrow, parcel, ship } = await shippedOrder(6 * HOUR);
    let scanned: { id: string; occurredAt: string } | undefined;
    beforePoll = async (poll, polled) => {
      if (poll === 3) scanned = await carrierScan(polled, 'delivered');
    };
    await ship();

    const state = await escrow.result();
    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'carrier' });
    expect(polls).toBe(3);
    expect(state.carrierEventId).toBe(scanned?.id);
    // Shipped, three 6-hour polls, then the 3-day dispute window: not the 14 days of auto-confirmation.
    const ran = await runningTimeMs(escrow);
    expect(ran).toBeGreaterThanOrEqual(18 * HOUR + 3 * DAY);
    expect(ran).toBeLessThan(24 * HOUR + 3 * DAY);
    const [event] = await ts.db.select().from(carrierEvents).where(eq(carrierEvents.id, scanned!.id));
    expect(event).toMatchObject({
      ...parcel,
      status: 'delivered',
      orderId: input.orderId,
      source: 'poll',
    });
    expect(event?.occurredAt.toISOString()).toBe(scanned?.occurredAt);
    for (const row of await deliveredNotifications(input.orderId))
      expect(row.payload).toMatchObject({ deliveredBy: 'carrier', carrierEventId: scanned?.id });
  });

  it('a carrier that never reports: auto-confirmation still delivers at its 14-day deadline', async () => {
    const { input, escrow, parcel, ship } = await shippedOrder(2 * DAY);
    await ship();

    const state = await escrow.result();
    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    expect(state.carrierEventId).toBeUndefined();
    // It kept asking (every 2 days until the deadline), and the deadline still decided.
    expect(polls).toBe(6);
    expect(await runningTimeMs(escrow)).toBeGreaterThanOrEqual(17 * DAY);
    expect((await sandboxCarrier().getTracking(parcel)).status).toBe('pre_transit');
    expect(await ts.db.select().from(carrierEvents).where(eq(carrierEvents.orderId, input.orderId))).toEqual(
      [],
    );
    for (const row of await deliveredNotifications(input.orderId))
      expect(row.payload).toMatchObject({ deliveredBy: 'timer' });
  });

  it('a delivery report before shipment, or dated before it, is ignored: auto-confirmation decides', async () => {
    const { input, escrow, ship } = await shippedOrder(7 * DAY);
    await escrow.signal(carrierDeliveredSignal, {
      eventId: 'cev_too_early',
      occurredAt: new Date().toISOString(),
      source: 'webhook',
    });
    expect((await escrow.query(escrowStatusQuery)).status).toBe('paid');
    const shipped = await ship();
    expect(shipped).toMatchObject({ status: 'shipped' });
    expect(shipped.carrierEventId).toBeUndefined();
    // Shipped now, delivered an hour ago: another parcel with a recycled tracking number.
    await escrow.signal(carrierDeliveredSignal, {
      eventId: 'cev_recycled_number',
      occurredAt: new Date(Date.now() - HOUR).toISOString(),
      source: 'webhook',
    });

    const state = await escrow.result();
    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    expect(state.carrierEventId).toBeUndefined();
    expect(await runningTimeMs(escrow)).toBeGreaterThanOrEqual(17 * DAY);
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('completed');
  });

  it('an order never waits on the carrier: the buyer confirms while the registration hangs', async () => {
    const { input, escrow, parcel, ship } = await shippedOrder(6 * HOUR);
    let entered!: () => void;
    const registering = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    beforeRegister = async () => {
      entered();
      await answered;
    };
    await ship();
    await registering;

    const delivered = await escrow.executeUpdate(confirmDeliveryUpdate, {
      args: [{ userId: input.buyerId }],
    });
    expect(delivered).toMatchObject({ status: 'delivered', deliveredBy: 'buyer' });
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('delivered');
    answer();

    expect(await escrow.result()).toMatchObject({ status: 'completed', deliveredBy: 'buyer' });
    expect(polls).toBe(0);
    // The abandoned registration still reached the carrier; nothing waited for it.
    expect(await eventually(() => sandboxCarrier().getTracking(parcel))).toMatchObject(parcel);
  });
});
