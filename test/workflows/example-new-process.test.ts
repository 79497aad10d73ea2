/**
 * README "Writing workflow tests": the test a developer writes with a new process. Say the late
 * chargeback (workflows/late-chargeback.ts) were new: its workflow is exported from workflows/index.ts
 * (the kit's bundle is the platform's), its activities sit in a queue's group (activities/queues.ts)
 * and have fakes in test/kit/activities.ts (the `Activities` type fails until they do). The test sets
 * the scene with real workflows, starts the process as its caller would, and asserts money.
 */
import { describe, expect, it } from 'vitest';
import { LATE_CHARGEBACK_WORKFLOW } from '../../domain/chargeback.js';
import { lateChargebackWorkflowId } from '../../domain/ids.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import type { lateChargebackWorkflow } from '../../workflows/late-chargeback.js';
import { useKit } from '../kit/vitest.js';

// One kit (a Java test server and its workers) for the file, reset between tests.
const kit = useKit();

/** A completed order (paid, shipped, confirmed, released) and the bank taking back `amount` of it. */
async function chargedBackAfterRelease(amount: number) {
  const order = await kit.paidOrder({ amount: 20_000 });
  await order.ship();
  await order.confirmDelivery();
  expect(await order.result()).toMatchObject({ status: 'completed' }); // skips the dispute window
  const intent = kit.provider.intentsOf(order.orderId)[0]!;
  const chargeback = await kit.provider.chargeback(intent.id, { amount });
  const input = { orderId: order.orderId, providerEventId: chargeback.id, amount, currency: 'EUR' as const };
  return { order, input, workflowId: lateChargebackWorkflowId(input) };
}

describe('example: a new process on the kit', () => {
  it('a partial chargeback after the release is taken back from the seller and the fee', async () => {
    const { order, input, workflowId } = await chargedBackAfterRelease(5_000);

    // Started by its type name and business id, as the payment webhook does.
    const result = await kit.client.workflow.execute<typeof lateChargebackWorkflow>(
      LATE_CHARGEBACK_WORKFLOW,
      {
        workflowId,
        taskQueue: TASK_QUEUES.orders,
        args: [input],
      },
    );

    expect(result).toEqual({ recovered: 5_000 });
    // The release gave the seller 18,000 and the platform 2,000; a quarter of each comes back.
    expect(kit.ledger.balance(`seller_available:${order.input.sellerId}`)).toBe(13_500n);
    expect(kit.ledger.movement(order.orderId, 'platform_fees')).toBe(1_500n);
    expect(kit.ledger.movement(order.orderId, 'refunds')).toBe(5_000n);
    // Provider captures − refunds − chargebacks = the ledger's movement; the ledger balances.
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });

  it('a ledger outage is retried and the recovery is posted once', async () => {
    const { order, input, workflowId } = await chargedBackAfterRelease(20_000);
    // The first attempt's answer is lost after it booked; the second meets an outage; the third answers.
    kit.faults.failNext('recoverLateChargeback', { afterEffect: true });
    kit.faults.failNext('recoverLateChargeback');

    await kit.client.workflow.execute<typeof lateChargebackWorkflow>(LATE_CHARGEBACK_WORKFLOW, {
      workflowId,
      taskQueue: TASK_QUEUES.orders,
      args: [input],
    });

    const recovery = `${workflowId}:recovery`;
    const steps = kit.calls.filter((c) => c.name === 'recoverLateChargeback' && c.input.key === recovery);
    expect(steps.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(kit.ledger.entries(order.orderId).filter((p) => p.key === recovery)).toHaveLength(1);
    expect(kit.ledger.balance(`seller_available:${order.input.sellerId}`)).toBe(0n);
    expect(kit.money.violations(order.orderId)).toEqual([]);
  });
});
