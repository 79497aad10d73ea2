/**
 * Every workflow with message handlers returns only once they have finished (workflows/
 * handlers-finished.ts): an update accepted as the workflow ends gets its answer, never a cut-off.
 */

import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { until } from '../kit/index.js';
import { useKit } from '../kit/vitest.js';

const kit = useKit();
const { EventType } = proto.temporal.api.enums.v1;

describe('handlers finish before a workflow returns (kit)', () => {
  it('an operator’s resolve, answered in the task that completes the dispute', async () => {
    const order = await kit.shippedOrder();
    await order.openDispute();
    await order.dispute.evidence(order.input.sellerId, 'Delivered');
    // The decision is recorded by the workflow's last step: the update waits on it and is answered
    // in the task that completes the dispute.
    const recording = kit.faults.hold('recordDisputeOutcome');
    const answer = order.dispute.resolve({ outcome: 'refund' });
    await recording.entered;
    recording.release();
    expect(await answer).toMatchObject({ status: 'resolved', outcome: { outcome: 'refund' } });
    await until(async () => (await order.dispute.handle.describe()).status.name === 'COMPLETED');

    const events = (await order.dispute.handle.fetchHistory()).events ?? [];
    const accepted = events.filter(
      (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
    );
    const completed = events.filter(
      (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
    );
    expect(completed).toHaveLength(accepted.length);
    // The update's completion comes before the workflow's.
    const last = events.at(-1)!;
    expect(last.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    expect(await order.result()).toMatchObject({ status: 'refunded' });
  });
});
