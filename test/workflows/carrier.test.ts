/**
 * Carrier tracking in the escrow, on the kit: a delivery report (signal) or a poll that finds the
 * parcel delivered moves a shipped order to `delivered` and starts the dispute window; a carrier that
 * never reports leaves it to auto-confirmation; a report from before the shipment changes nothing; an
 * order never waits on the carrier. The kit's carrier scans a parcel when the test says.
 */
import { describe, expect, it } from 'vitest';
import type { TrackedParcel } from '../../domain/carrier.js';
import { DAY, HOUR, until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

let parcels = 0;
async function paidOrder(carrierPollMs: number) {
  const order = await kit.paidOrder({ timers: { carrierPollMs } });
  parcels += 1;
  const parcel: TrackedParcel = { carrier: 'SandboxPost', trackingNumber: `SP-${parcels}-${order.orderId}` };
  return { order, parcel, ship: () => order.ship(parcel) };
}

/** Counts the order's tracking polls; `before(n)` runs just before poll n reads the carrier. */
function watchPolls(before?: (poll: number, parcel: TrackedParcel) => Promise<void>) {
  let polls = 0;
  kit.faults.replace('getTracking', async (parcel, real) => {
    polls += 1;
    await before?.(polls, parcel);
    return real(parcel);
  });
  return () => polls;
}

const deliveredNotices = (orderId: string) => kit.notifications.forOrder(orderId, 'order.delivered');

describe('carrier tracking in the escrow (kit)', () => {
  it('a delivery report while shipped delivers the order, starts the dispute window, then releases', async () => {
    const { order, parcel, ship } = await paidOrder(6 * HOUR);
    expect((await ship()).status).toBe('shipped');
    // The workflow registered the parcel with the carrier.
    await until(() => kit.carrier.registered(parcel));
    expect(await kit.carrier.getTracking(parcel)).toMatchObject({ ...parcel, status: 'pre_transit' });

    const occurredAt = await kit.clock.iso();
    await order.carrierDelivered({ eventId: 'cev_signalled', occurredAt, source: 'webhook' });
    const delivered = await until(async () => {
      const state = await order.status();
      return state.status === 'delivered' && state;
    });
    expect(delivered).toMatchObject({ deliveredBy: 'carrier', carrierEventId: 'cev_signalled' });
    const row = kit.orders.row(order.orderId);
    expect(row?.status).toBe('delivered');
    expect(Date.parse(row!.deadlines.disputeWindowEndsAt!)).toBeGreaterThan(Date.parse(occurredAt));
    expect(deliveredNotices(order.orderId).map((n) => n.payload)).toEqual([
      { orderId: order.orderId, deliveredBy: 'carrier', carrierEventId: 'cev_signalled' },
      { orderId: order.orderId, deliveredBy: 'carrier', carrierEventId: 'cev_signalled' },
    ]);

    expect((await order.result()).status).toBe('completed');
    // Released when the 3-day window closed, long before the 14-day auto-confirmation would have been.
    const ran = await order.runningTimeMs();
    expect(ran).toBeGreaterThanOrEqual(3 * DAY);
    expect(ran).toBeLessThan(4 * DAY);
    expect(kit.ledger.balance(`seller_available:${order.input.sellerId}`)).toBe(9_000n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('polling finds the delivery no webhook reported: delivered at the third poll, before auto-confirm', async () => {
    const { order, parcel, ship } = await paidOrder(6 * HOUR);
    let scanned: { id: string; occurredAt: string } | undefined;
    const polls = watchPolls(async (poll, polled) => {
      if (poll === 3) scanned = await kit.carrier.scan(polled, 'delivered');
    });
    await ship();

    const state = await order.result();
    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'carrier', carrierEventId: scanned?.id });
    expect(polls()).toBe(3);
    // Shipped, three 6-hour polls, then the 3-day dispute window: not the 14 days of auto-confirmation.
    const ran = await order.runningTimeMs();
    expect(ran).toBeGreaterThanOrEqual(18 * HOUR + 3 * DAY);
    expect(ran).toBeLessThan(24 * HOUR + 3 * DAY);
    expect(kit.carrier.events(order.orderId)).toEqual([
      expect.objectContaining({
        ...parcel,
        id: scanned?.id,
        status: 'delivered',
        occurredAt: scanned?.occurredAt,
        source: 'poll',
      }),
    ]);
    for (const notice of deliveredNotices(order.orderId))
      expect(notice.payload).toMatchObject({ deliveredBy: 'carrier', carrierEventId: scanned?.id });
  });

  it('a carrier that never reports: auto-confirmation still delivers at its 14-day deadline', async () => {
    const { order, parcel, ship } = await paidOrder(2 * DAY);
    const polls = watchPolls();
    await ship();

    const state = await order.result();
    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    expect(state.carrierEventId).toBeUndefined();
    // It kept asking (every 2 days until the deadline), and the deadline still decided.
    expect(polls()).toBe(6);
    expect(await order.runningTimeMs()).toBeGreaterThanOrEqual(17 * DAY);
    expect((await kit.carrier.getTracking(parcel)).status).toBe('pre_transit');
    expect(kit.carrier.events(order.orderId)).toEqual([]);
    for (const notice of deliveredNotices(order.orderId))
      expect(notice.payload).toMatchObject({ deliveredBy: 'timer' });
  });

  it('a carrier that is down: registration and polls fail, auto-confirmation decides', async () => {
    const { order, ship } = await paidOrder(2 * DAY);
    kit.faults.failNext('registerTracker', { times: 100, retryable: false });
    kit.faults.failNext('getTracking', { times: 100, retryable: false });
    await ship();
    expect(await order.result()).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    // Registration is tried again before each poll.
    expect(kit.calls.filter((c) => c.name === 'registerTracker').length).toBeGreaterThan(1);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a delivery report before shipment, or dated before it, is ignored: auto-confirmation decides', async () => {
    const { order, ship } = await paidOrder(7 * DAY);
    await order.carrierDelivered({
      eventId: 'cev_too_early',
      occurredAt: await kit.clock.iso(),
      source: 'webhook',
    });
    expect((await order.status()).status).toBe('paid');
    const shipped = await ship();
    expect(shipped).toMatchObject({ status: 'shipped' });
    expect(shipped.carrierEventId).toBeUndefined();
    // Shipped now, delivered an hour ago: another parcel with a recycled tracking number.
    const anHourAgo = new Date((await kit.clock.now()) - HOUR).toISOString();
    await order.carrierDelivered({
      eventId: 'cev_recycled_number',
      occurredAt: anHourAgo,
      source: 'webhook',
    });

    const state = await order.result();
    expect(state).toMatchObject({ status: 'completed', deliveredBy: 'timer' });
    expect(state.carrierEventId).toBeUndefined();
    expect(await order.runningTimeMs()).toBeGreaterThanOrEqual(17 * DAY);
    expect(kit.orders.row(order.orderId)?.status).toBe('completed');
  });

  it('an order never waits on the carrier: the buyer confirms while the registration hangs', async () => {
    const { order, parcel, ship } = await paidOrder(6 * HOUR);
    const polls = watchPolls();
    const registration = kit.faults.hold('registerTracker');
    await ship();
    await registration.entered;

    const delivered = await order.confirmDelivery();
    expect(delivered).toMatchObject({ status: 'delivered', deliveredBy: 'buyer' });
    expect(kit.orders.row(order.orderId)?.status).toBe('delivered');
    registration.release();

    expect(await order.result()).toMatchObject({ status: 'completed', deliveredBy: 'buyer' });
    expect(polls()).toBe(0);
    // The abandoned registration still reached the carrier; nothing waited for it.
    await until(() => kit.carrier.registered(parcel));
  });
});
