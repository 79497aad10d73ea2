/**
 * A payment that needs the buyer's bank, on the time-skipping server: no webhook reaches this
 * server, so after 30 s the purchase asks the provider itself (the polling fallback).
 */
import { describe, expect, it } from 'vitest';
import { findOrder } from '../../db/queries/orders.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import {
  awaitPaymentUpdate,
  paymentConfirmationSignal,
  purchaseStatusQuery,
  purchaseWorkflow,
} from '../../workflows/purchase.js';
import { pendingOrder } from '../support/fixtures.js';
import { eventually } from '../support/stack.js';
import { timeSkippingPerTest } from '../support/time-skipping.js';

const ts = timeSkippingPerTest();

const activityTypes = async (workflowId: string) =>
  (await ts.env.client.workflow.getHandle(workflowId).fetchHistory()).events
    ?.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
    .filter(Boolean);

describe('payment confirmation (time-skipping)', () => {
  it('polls the provider when the confirmation webhook does not come, then captures', async () => {
    const input = await pendingOrder(ts.db, { paymentMethod: 'pm_card_requires_confirmation' });
    const handle = await ts.env.client.workflow.start(purchaseWorkflow, {
      workflowId: purchaseWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    expect(await handle.executeUpdate(awaitPaymentUpdate)).toMatchObject({ status: 'paid' });
    expect(await activityTypes(handle.workflowId)).toContain('pollPaymentConfirmation');
    const order = await findOrder(ts.db, input.orderId);
    expect(await ts.payments.getIntent(order!.paymentIntentId!)).toMatchObject({ amountCaptured: 2500 });
  });

  it('takes the signalled confirmation without polling', async () => {
    const input = await pendingOrder(ts.db, { paymentMethod: 'pm_card_requires_confirmation' });
    const handle = await ts.steadyClient.workflow.start(purchaseWorkflow, {
      workflowId: purchaseWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });
    const intentId = await eventually(async () => (await handle.query(purchaseStatusQuery)).paymentIntentId);
    // As the provider would: the webhook goes out once the bank has confirmed.
    await eventually(async () => (await ts.payments.getIntent(intentId)).status === 'authorized');
    await handle.signal(paymentConfirmationSignal, { intentId, status: 'authorized' });
    expect(await handle.executeUpdate(awaitPaymentUpdate)).toMatchObject({ status: 'paid' });
    expect(await activityTypes(handle.workflowId)).not.toContain('pollPaymentConfirmation');
  });
});
