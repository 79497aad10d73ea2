/**
 * An order whose workflow never started (issue 23, item 4): the order row and its stock are committed
 * in one transaction before `order-<id>` is started, so an API crash between the two (and no retry
 * with the same Idempotency-Key) leaves the order `pending` with its units held. Planted here through
 * the same query order placement uses (db/queries/order-placement.ts), with no workflow.
 */
import { randomUUID } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderIdFor } from '../../api/services/orders/order-id.js';
import { newId } from '../../db/new-id.js';
import { placeOrderRow } from '../../db/queries/order-placement.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import {
  DEFAULT_ORDER_HOLD_MS,
  STALE_ORDER_SWEEP_SCHEDULE_ID,
  STALE_ORDER_SWEEP_WORKFLOW,
} from '../../domain/stale-orders.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { staleOrderSweepWorkflow } from '../../workflows/stale-order-sweep.js';
import { recordHistories } from '../support/histories.js';
import { api, eventually, testDb, uniqueUser } from '../support/stack.js';
import { stackTemporal } from '../support/temporal.js';

const { db, sql, close } = testDb();
let connection: Connection;
let temporal: Client;
beforeAll(async () => {
  ({ connection, client: temporal } = await stackTemporal());
});
afterAll(async () => {
  await connection?.close();
  await close();
});

const QUANTITY = 3;

/**
 * A listing of `QUANTITY` and one `pending` order of 1 from it whose workflow never started; with an
 * Idempotency-Key, under the id the API gives that key's order.
 */
async function strandedOrder(idempotencyKey?: string) {
  const seller = uniqueUser('seller');
  const buyer = uniqueUser('buyer');
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Kettle', amount: 3_300, currency: 'EUR', quantity: QUANTITY },
  });
  expect(listing.status).toBe(201);
  expect((await api('GET', '/v1/orders', { user: buyer })).status).toBe(200); // the buyer's users row
  const row = await placeOrderRow(db, {
    id: idempotencyKey ? await orderIdFor(db, buyer, idempotencyKey) : newId('ord'),
    listingId: listing.body.id,
    buyerId: buyer,
    sellerId: seller,
    quantity: 1,
    amount: 3_300n,
    currency: 'EUR',
    paymentMethod: 'pm_card_ok',
  });
  if (row === 'out_of_stock') throw new Error('planted order found no stock');
  return { seller, buyer, listingId: listing.body.id as string, orderId: row.id };
}

const available = async (listingId: string, user: string) =>
  (await api('GET', `/v1/listings/${listingId}`, { user })).body.available as number;

const reservationOf = async (orderId: string) =>
  (
    await sql<{ status: string }[]>`select status from inventory_reservations where order_id = ${orderId}`
  ).map((r) => r.status);

/** Placed `minutes` ago: as old as an order the API stopped for that long ago would be. */
const placedAgo = (orderId: string, minutes: number) =>
  sql`update orders set created_at = now() - make_interval(mins => ${minutes}),
        updated_at = now() - make_interval(mins => ${minutes}) where id = ${orderId}`;

const orderRow = async (orderId: string) =>
  (
    await sql<{ status: string; failure_reason: string | null }[]>`
    select status, failure_reason from orders where id = ${orderId}`
  )[0];

const failedEvents = async (orderId: string) =>
  (
    await sql<{ n: number }[]>`
    select count(*)::int as n from order_events where order_id = ${orderId} and type = 'order.failed'`
  )[0]!.n;

/** One run of the sweep, started here as the schedule starts it, with the hold as its parameter. */
const sweep = (holdMs: number, workflowId = `stale-order-sweep-test-${randomUUID()}`) =>
  temporal.workflow.execute(staleOrderSweepWorkflow, {
    workflowId,
    taskQueue: TASK_QUEUES.orders,
    args: [{ holdMs }],
  });

const failedNotices = (orderId: string) =>
  sql<{ user_id: string; payload: { failureReason?: string } }[]>`
    select user_id, payload from notifications where order_id = ${orderId} and type = 'order.failed'`;

describe('an order whose workflow never started', () => {
  it("holds its units until the buyer's cancel ends it and gives them back", async () => {
    const { buyer, listingId, orderId } = await strandedOrder();
    const order = await api('GET', `/v1/orders/${orderId}`, { user: buyer });
    expect(order.body).toMatchObject({ status: 'pending' });
    expect(await available(listingId, buyer)).toBe(QUANTITY - 1);
    expect(await reservationOf(orderId)).toEqual(['held']);

    const cancelled = await api('POST', `/v1/orders/${orderId}/cancel`, { user: buyer });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ id: orderId, status: 'failed', failureReason: 'cancelled' });
    expect(await available(listingId, buyer)).toBe(QUANTITY);
    expect(await reservationOf(orderId)).toEqual(['released']);
    const notices = await eventually(async () => {
      const rows = await failedNotices(orderId);
      return rows.length > 0 && rows;
    });
    expect(notices).toEqual([
      { user_id: buyer, payload: expect.objectContaining({ failureReason: 'cancelled' }) },
    ]);
  });

  it('is expired by the sweep once its hold has passed: units back, buyer told, once', async () => {
    const stale = await strandedOrder();
    const fresh = await strandedOrder();
    const held = await strandedOrder();
    await placedAgo(stale.orderId, 20);
    await placedAgo(held.orderId, 20);
    // `order-<id>` exists for this one (a workflow the order belongs to, here one no worker runs): the
    // sweep must leave its order to it however old the order is.
    const standIn = await temporal.workflow.start('workflowNoWorkerRuns', {
      workflowId: purchaseWorkflowId({ orderId: held.orderId }),
      taskQueue: `no-worker-${randomUUID()}`,
    });
    try {
      const firstId = `stale-order-sweep-test-${randomUUID()}`;
      const first = await sweep(DEFAULT_ORDER_HOLD_MS, firstId);
      expect(first.expired).not.toContain(fresh.orderId);
      expect(first.expired).not.toContain(held.orderId);

      expect(await orderRow(stale.orderId)).toEqual({ status: 'failed', failure_reason: 'expired' });
      expect(await available(stale.listingId, stale.buyer)).toBe(QUANTITY);
      expect(await reservationOf(stale.orderId)).toEqual(['released']);
      const notices = await eventually(async () => {
        const rows = await failedNotices(stale.orderId);
        return rows.length > 0 && rows;
      });
      expect(notices).toEqual([
        { user_id: stale.buyer, payload: expect.objectContaining({ failureReason: 'expired' }) },
      ]);
      const shown = await api('GET', `/v1/orders/${stale.orderId}`, { user: stale.buyer });
      expect(shown.body).toMatchObject({ status: 'failed', failureReason: 'expired' });

      for (const kept of [fresh, held]) {
        expect(await orderRow(kept.orderId)).toEqual({ status: 'pending', failure_reason: null });
        expect(await available(kept.listingId, kept.buyer)).toBe(QUANTITY - 1);
        expect(await reservationOf(kept.orderId)).toEqual(['held']);
      }

      // Run again: nothing happens twice.
      const second = await sweep(DEFAULT_ORDER_HOLD_MS);
      expect(second.expired).not.toContain(stale.orderId);
      expect(await failedEvents(stale.orderId)).toBe(1);
      expect(await failedNotices(stale.orderId)).toHaveLength(1);
      expect(await available(stale.listingId, stale.buyer)).toBe(QUANTITY);

      // The threshold is the sweep's parameter: with no hold, the fresh order goes too.
      const noHold = await sweep(0);
      expect(noHold.expired).not.toContain(held.orderId);
      expect(await orderRow(fresh.orderId)).toEqual({ status: 'failed', failure_reason: 'expired' });
      expect(await available(fresh.listingId, fresh.buyer)).toBe(QUANTITY);
      expect(await orderRow(held.orderId)).toEqual({ status: 'pending', failure_reason: null });
      await recordHistories({ 'staleOrderSweep-expires': firstId });
    } finally {
      await standIn.terminate('test over');
    }
  });

  it('is looked for by a Temporal Schedule the worker keeps, with the configured hold', async () => {
    const schedule = await temporal.schedule.getHandle(STALE_ORDER_SWEEP_SCHEDULE_ID).describe();
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: STALE_ORDER_SWEEP_WORKFLOW,
      taskQueue: TASK_QUEUES.orders,
      args: [{ holdMs: DEFAULT_ORDER_HOLD_MS }],
    });
    expect(schedule.spec.intervals).toMatchObject([{ every: 5 * 60_000 }]);
  });

  it("once expired, the client's retry with its Idempotency-Key buys anew", async () => {
    const key = `buy-${randomUUID()}`;
    const { buyer, listingId, orderId } = await strandedOrder(key);
    await placedAgo(orderId, 20);
    await sweep(DEFAULT_ORDER_HOLD_MS);
    expect(await orderRow(orderId)).toEqual({ status: 'failed', failure_reason: 'expired' });

    const retried = await api('POST', '/v1/orders?wait=payment', {
      user: buyer,
      headers: { 'idempotency-key': key },
      body: { listingId, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body).toMatchObject({ status: 'paid' });
    expect(retried.body.id).not.toBe(orderId);
    expect(await available(listingId, buyer)).toBe(QUANTITY - 1);
  });
});
