/**
 * The fraud screen inside the purchase saga, on the time-skipping server with real activities:
 * deny compensates before any money moves, review waits for an operator (or a 24-hour deadline).
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../db/queries/ledger.js';
import { findListing } from '../../db/queries/listings.js';
import { findOrder, orderEventsOf } from '../../db/queries/orders.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import type { PurchaseInput } from '../../domain/purchase.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import {
  awaitPaymentUpdate,
  fraudReviewUpdate,
  purchaseStatusQuery,
  purchaseWorkflow,
} from '../../workflows/purchase.js';
import { DAY, pendingOrder } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';
import { timeSkippingPerTest } from '../support/time-skipping.js';

const ts = timeSkippingPerTest();

// Default rules (domain/fraud.ts): above €5,000 review, above €50,000 deny.
const REVIEW_AMOUNT = 600_000;
const DENY_AMOUNT = 6_000_000;

const start = (input: PurchaseInput) =>
  ts.env.client.workflow.start(purchaseWorkflow, {
    workflowId: purchaseWorkflowId(input),
    taskQueue: TASK_QUEUES.orders,
    args: [input],
  });

async function heldForReview(input: PurchaseInput) {
  const handle = await start(input);
  const state = await eventually(async () => {
    const current = await handle.query(purchaseStatusQuery);
    return current.fraud?.decision === 'review' && current;
  });
  return { handle, state };
}

/** Failed by the fraud screen: stock back, nothing authorized, ledger untouched. */
async function expectDeniedAndCompensated(input: PurchaseInput) {
  const order = await findOrder(ts.db, input.orderId);
  expect(order).toMatchObject({ status: 'failed', failureReason: 'fraud_denied' });
  expect(order?.paymentIntentId ?? null).toBeNull();
  expect((await findListing(ts.db, input.listingId))?.available).toBe(3);
  expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
}

describe('fraud screen (time-skipping)', () => {
  it('denies an amount above the deny limit before any authorization, and gives the stock back', async () => {
    const input = await pendingOrder(ts.db, { amount: DENY_AMOUNT });
    const result = await (await start(input)).result();
    expect(result).toEqual({ orderId: input.orderId, status: 'failed', failureReason: 'fraud_denied' });
    await expectDeniedAndCompensated(input);
  });

  it('holds a large purchase for review; an operator allows it and it is paid', async () => {
    const input = await pendingOrder(ts.db, { amount: REVIEW_AMOUNT });
    const { handle, state } = await heldForReview(input);
    expect(state.fraud?.reasons).toContain('amount');
    const order = await findOrder(ts.db, input.orderId);
    expect(order?.status).toBe('reserved');
    expect(order?.deadlines.fraudReviewBy).toBeDefined();
    expect((await orderEventsOf(ts.db, input.orderId)).length).toBeGreaterThanOrEqual(2);

    await handle.executeUpdate(fraudReviewUpdate, { args: [{ decision: 'allow', operatorId: 'op_1' }] });
    expect(await handle.executeUpdate(awaitPaymentUpdate)).toMatchObject({ status: 'paid' });
    expect((await handle.query(purchaseStatusQuery)).fraud?.review).toMatchObject({ decision: 'allow' });
    const paid = await findOrder(ts.db, input.orderId);
    expect(paid?.status).toBe('paid');
    expect(await ts.payments.getIntent(paid!.paymentIntentId!)).toMatchObject({
      amountCaptured: REVIEW_AMOUNT,
    });

    const late = await handle
      .executeUpdate(fraudReviewUpdate, { args: [{ decision: 'deny', operatorId: 'op_2' }] })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(Error);
  });

  it('an operator denies a held purchase: failed, compensated, a second decision refused', async () => {
    const input = await pendingOrder(ts.db, { amount: REVIEW_AMOUNT });
    const { handle } = await heldForReview(input);
    await handle.executeUpdate(fraudReviewUpdate, { args: [{ decision: 'deny', operatorId: 'op_1' }] });
    const again = await handle
      .executeUpdate(fraudReviewUpdate, { args: [{ decision: 'allow', operatorId: 'op_1' }] })
      .catch((e: unknown) => e);
    expect((await handle.result()).failureReason).toBe('fraud_denied');
    // Refused by the validator while compensating, or by the server once the purchase has closed
    // (its short steps are local activities, so that can come first).
    expect([WorkflowUpdateFailedError, WorkflowNotFoundError].some((type) => again instanceof type)).toBe(
      true,
    );
    await expectDeniedAndCompensated(input);
  });

  it('nobody reviews within 24 hours: denied and compensated', async () => {
    const input = await pendingOrder(ts.db, { amount: REVIEW_AMOUNT });
    const { handle } = await heldForReview(input);
    const result = await handle.result();
    expect(result.failureReason).toBe('fraud_denied');
    const { startTime, closeTime } = await handle.describe();
    expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(DAY);
    expect((await handle.query(purchaseStatusQuery)).fraud?.review).toBe('timed_out');
    await expectDeniedAndCompensated(input);
  });

  it('a purchase cancelled while it waits (an operator cancels the workflow) is compensated as cancelled', async () => {
    const input = await pendingOrder(ts.db, { amount: REVIEW_AMOUNT });
    const { handle } = await heldForReview(input);
    await handle.cancel();
    // Nothing to skip here: wait without unlocking the test server's clock.
    const steady = ts.steadyClient.workflow.getHandle<typeof purchaseWorkflow>(handle.workflowId);
    expect(await steady.result()).toEqual({
      orderId: input.orderId,
      status: 'failed',
      failureReason: 'cancelled',
    });
    const order = await findOrder(ts.db, input.orderId);
    expect(order).toMatchObject({ status: 'failed', failureReason: 'cancelled' });
    expect((await findListing(ts.db, input.listingId))?.available).toBe(3);
    expect(await checkLedger(ts.db)).toEqual({ ok: true, problems: [] });
  });
});
