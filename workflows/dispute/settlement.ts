/** Recording the decision: the dispute decides, escrow (its parent) moves the money on its outcome. */
import { upsertSearchAttributes } from '@temporalio/workflow';
import { type DisputeOutcome, FINAL_STATUS_OF } from '../../domain/dispute.js';
import { SA } from '../../domain/search-attributes.js';
import { db } from './activities.js';
import type { DisputeCase } from './case.js';
import { flushEvidence } from './evidence.js';

export async function settle(dispute: DisputeCase): Promise<DisputeOutcome> {
  const { state } = dispute;
  await flushEvidence(dispute);
  const outcome = dispute.decided!;
  await db.recordDisputeOutcome({ disputeId: dispute.input.disputeId, outcome });
  // Only now: updates waiting on `resolved` answer after the row says so.
  state.outcome = outcome;
  state.status = 'resolved';
  state.deadlines = {};
  upsertSearchAttributes([{ key: SA.OrderStatus, value: FINAL_STATUS_OF[outcome.outcome] }]);
  dispute.describe();
  return outcome;
}
