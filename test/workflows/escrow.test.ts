/**
 * Time-skipping tests of purchase → escrow on the Java test server, with real activities against
 * PostgreSQL and the sandbox provider: the days-long timers of docs/design.md pass in seconds.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { findListing } from '../../db/queries/listings.js';
import { findOrder } from '../../db/queries/orders.js';
import {
  cancelUpdate,
  confirmDeliveryUpdate,
  escrowStatusQuery,
  shipUpdate,
} from '../../workflows/escrow.js';
import { DAY, pendingOrder } from '../support/fixtures.js';
import { payOrder } from '../support/paid-order.js';
import { timeSkippingPerTest } from '../support/time-skipping.js';

const ts = timeSkippingPerTest();

async function paidOrder(options: Parameters<typeof pendingOrder>[1] = {}) {
  const input = await pendingOrder(ts.db, options);
  const { paid, order } = await payOrder(ts, input);
  expect(paid).toMatchObject({ orderId: input.orderId, status: 'paid' });
  return { input, escrow: order };
}

/** Server time from the workflow's start to its close: what the skipped timers add up to. */
async function runningTimeMs(handle: { describe(): Promise<{ startTime: Date; closeTime?: Date }> }) {
  const { startTime, closeTime } = await handle.describe();
  return (closeTime?.getTime() ?? Number.NaN) - startTime.getTime();
}

async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
}

describe('escrow timers (time-skipping)', () => {
  it('auto-cancels after the 3-day ship-by deadline: full refund, restock, cancelled', async () => {
    const { input, escrow } = await paidOrder();
    expect((await escrow.query(escrowStatusQuery)).status).toBe('paid');
    const wallStart = Date.now();
    const state = await escrow.result();

    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'ship_by_deadline' });
    expect(await runningTimeMs(escrow)).toBeGreaterThanOrEqual(3 * DAY);
    expect(Date.now() - wallStart).toBeLessThan(30_000);
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('cancelled');
    expect((await findListing(ts.db, input.listingId))?.available).toBe(3);
    expect(await accountBalance(ts.db, `escrow:${input.orderId}`, 'EUR')).toBe(0n);
    const intent = await ts.payments.getIntent((await findOrder(ts.db, input.orderId))!.paymentIntentId!);
    expect(intent).toMatchObject({ amountCaptured: 2500, amountRefunded: 2500 });
  });

  it('ships, auto-confirms after 14 days, releases after the 3-day dispute window minus the fee', async () => {
    const { input, escrow } = await paidOrder({ amount: 10_000, feeBps: 1000 });
    const shipped = await escrow.executeUpdate(shipUpdate, {
      args: [{ userId: input.sellerId, carrier: 'DHL', trackingNumber: 'JJD000390007' }],
    });
    expect(shipped.status).toBe('shipped');
    const order = await findOrder(ts.db, input.orderId);
    expect(order).toMatchObject({ status: 'shipped', carrier: 'DHL', trackingNumber: 'JJD000390007' });
    expect(order?.deadlines.autoConfirmAt).toBeDefined();

    const wallStart = Date.now();
    const state = await escrow.result();
    expect(state.status).toBe('completed');
    expect(await runningTimeMs(escrow)).toBeGreaterThanOrEqual(17 * DAY);
    expect(Date.now() - wallStart).toBeLessThan(30_000);

    expect(await accountBalance(ts.db, `escrow:${input.orderId}`, 'EUR')).toBe(0n);
    expect(await accountBalance(ts.db, `seller_available:${input.sellerId}`, 'EUR')).toBe(9_000n);
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('completed');
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });

  it('validates updates by party and state', async () => {
    const { input, escrow } = await paidOrder();
    expect(
      await rejection(escrow.executeUpdate(confirmDeliveryUpdate, { args: [{ userId: input.buyerId }] })),
    ).toBe('invalid_state');
    expect(
      await rejection(
        escrow.executeUpdate(shipUpdate, {
          args: [{ userId: input.buyerId, carrier: 'UPS', trackingNumber: '1Z' }],
        }),
      ),
    ).toBe('forbidden');
    expect(await rejection(escrow.executeUpdate(cancelUpdate, { args: [{ userId: 'someone-else' }] }))).toBe(
      'forbidden',
    );

    await escrow.executeUpdate(shipUpdate, {
      args: [{ userId: input.sellerId, carrier: 'UPS', trackingNumber: '1Z999' }],
    });
    expect(await rejection(escrow.executeUpdate(cancelUpdate, { args: [{ userId: input.buyerId }] }))).toBe(
      'invalid_state',
    );
    expect(
      await rejection(escrow.executeUpdate(confirmDeliveryUpdate, { args: [{ userId: input.sellerId }] })),
    ).toBe('forbidden');

    const delivered = await escrow.executeUpdate(confirmDeliveryUpdate, {
      args: [{ userId: input.buyerId }],
    });
    expect(delivered.status).toBe('delivered');
    expect((await escrow.result()).status).toBe('completed');
  });

  it('a buyer cancellation before shipment refunds and restocks at once', async () => {
    const { input, escrow } = await paidOrder({ quantity: 2, stock: 2 });
    expect((await findListing(ts.db, input.listingId))?.available).toBe(0);
    const state = await escrow.executeUpdate(cancelUpdate, { args: [{ userId: input.buyerId }] });
    expect(state).toMatchObject({ status: 'cancelled', cancelReason: 'buyer' });
    expect((await findListing(ts.db, input.listingId))?.available).toBe(2);
    expect(await accountBalance(ts.db, 'refunds', 'EUR')).toBeGreaterThanOrEqual(5000n);
  });
});
