/**
 * Every compensation branch of the purchase saga on the time-skipping server, with real activities
 * against PostgreSQL and the sandbox provider (worker restarts: test/e2e/worker-restart.test.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { findListing } from '../../db/queries/listings.js';
import { findOrder } from '../../db/queries/orders.js';
import { inventoryReservations, ledgerEntries, payments } from '../../db/schema/index.js';
import { OTHER_FAILURE_TYPES } from '../../domain/failures.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import type { PurchaseInput } from '../../domain/purchase.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { escrowStatusQuery } from '../../workflows/escrow.js';
import { purchaseWorkflow } from '../../workflows/purchase.js';
import { pendingOrder } from '../support/fixtures.js';
import { payOrder } from '../support/paid-order.js';
import { eventually } from '../support/stack.js';
import { startTimeSkipping, timeSkippingPerTest } from '../support/time-skipping.js';

const ts = timeSkippingPerTest();

const purchase = (input: PurchaseInput) =>
  ts.steadyClient.workflow.execute(purchaseWorkflow, {
    workflowId: purchaseWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input],
  });

const reservationsOf = (orderId: string) =>
  ts.db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, orderId));
const paymentRows = (orderId: string) => ts.db.select().from(payments).where(eq(payments.orderId, orderId));

async function expectFailedAndCompensated(input: PurchaseInput, reason: string, stockAfter: number) {
  expect(await findOrder(ts.db, input.orderId)).toMatchObject({ status: 'failed', failureReason: reason });
  expect((await findListing(ts.db, input.listingId))?.available).toBe(stockAfter);
  expect((await reservationsOf(input.orderId)).filter((r) => r.status === 'held')).toEqual([]);
  expect(await accountBalance(ts.db, `escrow:${input.orderId}`, 'EUR')).toBe(0n);
  expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
}

describe('purchase saga compensations (time-skipping)', () => {
  it('out of stock: nothing reserved, nothing charged', async () => {
    const input = await pendingOrder(ts.db, { quantity: 4, stock: 3 });
    expect(await purchase(input)).toEqual({
      orderId: input.orderId,
      status: 'failed',
      failureReason: 'out_of_stock',
    });
    await expectFailedAndCompensated(input, 'out_of_stock', 3);
    expect(await reservationsOf(input.orderId)).toEqual([]);
    expect(await paymentRows(input.orderId)).toEqual([]);
  });

  for (const [method, reason] of [
    ['pm_card_declined', 'payment_declined'],
    ['pm_card_insufficient_funds', 'payment_declined'],
  ] as const) {
    it(`${method}: the reservation is released, no money moves`, async () => {
      const input = await pendingOrder(ts.db, { paymentMethod: method, quantity: 2 });
      const result = await purchase(input);
      expect(result).toMatchObject({ status: 'failed', failureReason: reason });
      await expectFailedAndCompensated(input, reason, 3);
      expect((await reservationsOf(input.orderId)).map((r) => r.status)).toEqual(['released']);
      expect(await paymentRows(input.orderId)).toEqual([]);
    });
  }

  it('capture fails: the authorization is voided at the provider and the stock comes back', async () => {
    const input = await pendingOrder(ts.db, { paymentMethod: 'pm_card_capture_fails' });
    expect(await purchase(input)).toMatchObject({ status: 'failed', failureReason: 'capture_failed' });
    await expectFailedAndCompensated(input, 'capture_failed', 3);
    const order = await findOrder(ts.db, input.orderId);
    expect(await ts.payments.getIntent(order!.paymentIntentId!)).toMatchObject({
      status: 'voided',
      amountCaptured: 0,
    });
    expect((await paymentRows(input.orderId)).map((p) => p.kind).sort()).toEqual(['authorization', 'void']);
  });

  it('cancelled while the capture is in flight: the capture is refunded, every compensation runs, the order fails cancelled', async () => {
    // The provider answers this card's capture after 1.5 s: the cancel lands while it is in flight,
    // and the capture still happens at the provider.
    const input = await pendingOrder(ts.db, { paymentMethod: 'pm_card_capture_slow' });
    const handle = await ts.steadyClient.workflow.start(purchaseWorkflow, {
      workflowId: purchaseWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    await eventually(async () => (await findOrder(ts.db, input.orderId))?.status === 'authorized');
    await handle.cancel();
    expect(await handle.result()).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    await expectFailedAndCompensated(input, 'cancelled', 3);
    const order = await findOrder(ts.db, input.orderId);
    // Whatever the provider did with the capture, the buyer holds all of their money again.
    const intent = await ts.payments.getIntent(order!.paymentIntentId!);
    expect(intent.amountCaptured - intent.amountRefunded).toBe(0);
    expect(['voided', 'captured']).toContain(intent.status);
  });

  it('a cancel once paid reaches neither the escrow nor the money: the escrow keeps running', async () => {
    // One workflow per order: paid, the order's workflow holds the escrow, and a cancellation request
    // (an operator in the Temporal UI, say) must not stop it half-way or move money.
    const input = await pendingOrder(ts.db);
    const { order } = await payOrder(ts, input);
    const steady = ts.steadyClient.workflow.getHandle(order.workflowId);
    await eventually(async () => (await steady.query(escrowStatusQuery)).deadlines.shipBy);
    await steady.cancel();
    // The workflow takes the cancel request in a workflow task, and goes on holding the money.
    const events = await eventually(async () => {
      const history = (await steady.fetchHistory()).events ?? [];
      const requested = history.findIndex((e) => e.workflowExecutionCancelRequestedEventAttributes);
      const handled = history.findIndex((e, i) => i > requested && e.workflowTaskCompletedEventAttributes);
      return requested >= 0 && handled > requested && history;
    });
    expect(events.filter((e) => e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes)).toEqual(
      [],
    );
    expect(events.filter((e) => e.activityTaskCancelRequestedEventAttributes)).toEqual([]);
    expect((await steady.describe()).status.name).toBe('RUNNING');
    expect(await steady.query(escrowStatusQuery)).toMatchObject({ status: 'paid' });
    expect((await findOrder(ts.db, input.orderId))?.status).toBe('paid');
    expect(await accountBalance(ts.db, `escrow:${input.orderId}`, 'EUR')).toBe(BigInt(input.amount));
    // And the escrow still runs to its end: the ship-by deadline refunds the buyer.
    expect(await order.result()).toMatchObject({ status: 'cancelled', cancelReason: 'ship_by_deadline' });
    expect(await accountBalance(ts.db, `escrow:${input.orderId}`, 'EUR')).toBe(0n);
  });

  it('failing at the last write: posting, commit and paid roll back together, the stock comes back with the refund', async () => {
    // The `paid` row is refused inside the settlement's transaction, after the escrow posting and the
    // reservation's commit were written in it (and, for orders from before, after commitReservation).
    const failing = await startTimeSkipping({
      wrapActivities: (real) => ({
        ...real,
        settlePaid: (input) => real.settlePaid({ ...input, status: { ...input.status, from: ['pending'] } }),
        setOrderStatus: async (input) => {
          if (input.to === 'paid')
            throw ApplicationFailure.create({
              type: OTHER_FAILURE_TYPES.invalidTransition,
              message: 'injected',
              nonRetryable: true,
            });
          return real.setOrderStatus(input);
        },
      }),
    });
    try {
      const input = await pendingOrder(failing.db);
      const result = await failing.steadyClient.workflow.execute(purchaseWorkflow, {
        workflowId: purchaseWorkflowId(input),
        taskQueue: TASK_QUEUES.orders,
        args: [input],
      });
      expect(result).toMatchObject({ status: 'failed' });
      expect((await findOrder(failing.db, input.orderId))?.status).toBe('failed');
      expect((await findListing(failing.db, input.listingId))?.available).toBe(3);
      expect(await accountBalance(failing.db, `escrow:${input.orderId}`, 'EUR')).toBe(0n);
      // Nothing of the failed transaction stayed: no escrow posting, the reservation released.
      const entries = await failing.db
        .select()
        .from(ledgerEntries)
        .where(eq(ledgerEntries.orderId, input.orderId));
      expect(entries.map((e) => e.key)).toEqual([]);
      expect((await reservationsOf(input.orderId)).map((r) => r.status)).toEqual(['released']);
      const order = await findOrder(failing.db, input.orderId);
      expect(await failing.payments.getIntent(order!.paymentIntentId!)).toMatchObject({
        amountCaptured: input.amount,
        amountRefunded: input.amount,
      });
      expect(await checkLedger(failing.db)).toEqual({ ok: true, problems: [] });
    } finally {
      await failing.stop();
    }
  });
});
