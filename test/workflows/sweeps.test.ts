/**
 * The scheduled workflows on the kit: the stale-order sweep (orders whose workflow never started give
 * their stock back after the hold) and reconciliation (the ledger against the provider, clean, then
 * with a planted difference). Both read the kit's state as their activities read PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { RECONCILIATION_WORKFLOW } from '../../domain/reconciliation.js';
import {
  DEFAULT_ORDER_HOLD_MS,
  STALE_ORDER_SWEEP_WORKFLOW,
  type StaleOrderSweepResult,
} from '../../domain/stale-orders.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import type { reconciliationWorkflow } from '../../workflows/reconciliation.js';
import { DAY } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();

let runs = 0;
async function sweep(holdMs = DEFAULT_ORDER_HOLD_MS): Promise<StaleOrderSweepResult> {
  runs += 1;
  return kit.client.workflow.execute(STALE_ORDER_SWEEP_WORKFLOW, {
    workflowId: `stale-order-sweep-kit-${runs}`,
    taskQueue: TASK_QUEUES.orders,
    args: [{ holdMs }],
  });
}

async function reconcile(from: number, to: number) {
  runs += 1;
  return kit.client.workflow.execute<typeof reconciliationWorkflow>(RECONCILIATION_WORKFLOW, {
    workflowId: `reconciliation-kit-${runs}`,
    taskQueue: TASK_QUEUES.orders,
    args: [{ from: new Date(from).toISOString(), to: new Date(to).toISOString() }],
  });
}

describe('scheduled sweeps (kit)', () => {
  it('expires an order whose workflow never started once the hold passed, and leaves the others', async () => {
    const stale = await kit.placeOrder({ quantity: 2 });
    const running = await kit.startOrder();
    expect(kit.stock.available(stale.listingId)).toBe(1);

    // Within the hold: nothing to do.
    expect((await sweep()).expired).not.toContain(stale.orderId);
    await kit.skip(DEFAULT_ORDER_HOLD_MS + 60_000);
    const result = await sweep();

    expect(result.expired).toContain(stale.orderId);
    expect(result.expired).not.toContain(running.orderId);
    expect(kit.orders.row(stale.orderId)).toMatchObject({ status: 'failed', failureReason: 'expired' });
    expect(kit.stock.available(stale.listingId)).toBe(3);
    expect(kit.notifications.forOrder(stale.orderId, 'order.failed')).toEqual([
      expect.objectContaining({
        userId: stale.buyerId,
        payload: { orderId: stale.orderId, failureReason: 'expired' },
      }),
    ]);
    // A second run finds nothing more to do for it: one event, one notice.
    expect((await sweep()).expired).not.toContain(stale.orderId);
    expect(kit.orders.row(stale.orderId)?.events.filter((e) => e.toStatus === 'failed')).toHaveLength(1);
    expect(kit.orders.row(running.orderId)?.status).not.toBe('failed');
    await kit.recordHistory('staleOrderSweep-expires', `stale-order-sweep-kit-${runs - 1}`);
  });

  it('reconciliation finds the period clean, then reports a refund the ledger never booked', async () => {
    const from = await kit.clock.now();
    const order = await kit.paidOrder();
    await order.cancel();
    const clean = await reconcile(from, (await kit.clock.now()) + 60_000);
    expect(clean.mismatches.filter((m) => m.orderId === order.orderId)).toEqual([]);

    // The provider refunds part of another order behind the workflow's back.
    const other = await kit.paidOrder();
    const intent = kit.provider.intentsOf(other.orderId)[0]!;
    await kit.provider.refund({ idempotencyKey: 'kit:planted', intentId: intent.id, amount: 1_000 });
    const report = await reconcile(from, (await kit.clock.now()) + DAY);
    expect(report.status).toBe('mismatches');
    await kit.recordHistory('reconciliation-mismatches', `reconciliation-kit-${runs}`);
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ kind: 'refund_differs', orderId: other.orderId, ours: 0, theirs: 1_000 }),
    );
    expect(kit.money.violations(other.orderId)).toEqual([
      'provider kept 9000 (captured 10000 − refunded 1000 − charged back 0) but the ledger moved 10000 (in 10000 − refunds 0)',
    ]);
  });
});
