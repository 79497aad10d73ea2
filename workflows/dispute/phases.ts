/**
 * The dispute's phases, in order: opened (the seller gets a deadline), the seller's answer (silence
 * resolves for the buyer), and, when contested, the operator's decision with escalation past the SLA.
 */
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { DisputeStatus } from '../../domain/dispute.js';
import { effectKey } from '../../domain/ids.js';
import { OPERATOR_INBOX } from '../../domain/inboxes.js';
import { SA } from '../../domain/search-attributes.js';
import { partiesNotifier } from '../notify.js';
import { db, notifications } from './activities.js';
import { type DisputeCase, fullRefund } from './case.js';
import { waitForAnyDecision, waitForDecision } from './evidence.js';

async function moveTo(dispute: DisputeCase, status: DisputeStatus): Promise<void> {
  await db.setDisputeStatus({ disputeId: dispute.input.disputeId, status });
  dispute.state.status = status;
  dispute.describe();
}

/** Marks the order disputed and tells both parties, with the seller's deadline. */
export async function openDispute(dispute: DisputeCase): Promise<void> {
  const { input, state } = dispute;
  upsertSearchAttributes([{ key: SA.OrderStatus, value: 'disputed' }]);
  const respondBy = new Date(Date.now() + input.timers.sellerResponseMs).toISOString();
  state.deadlines = { sellerRespondBy: respondBy };
  dispute.describe();
  const notifyBoth = partiesNotifier(input, 'dispute', { disputeId: input.disputeId });
  await notifyBoth('opened', { reason: input.reason, sellerRespondBy: respondBy });
}

/** The seller accepts, contests with evidence, or stays silent, which refunds the buyer. */
export async function awaitSeller(dispute: DisputeCase): Promise<void> {
  const { sellerResponseMs } = dispute.input.timers;
  const answered = await waitForDecision(dispute, sellerResponseMs, () => dispute.sellerContested);
  if (!answered) dispute.decided = fullRefund(dispute.input.amount, 'seller_silence');
}

/** Contested: an operator decides; past the SLA the case escalates to the operators' inbox and keeps waiting. */
export async function awaitOperator(dispute: DisputeCase): Promise<void> {
  const { input, state } = dispute;
  state.deadlines = { operatorDecideBy: new Date(Date.now() + input.timers.operatorSlaMs).toISOString() };
  await moveTo(dispute, 'seller_responded');
  if (await waitForDecision(dispute, input.timers.operatorSlaMs)) return;
  state.escalated = true;
  await moveTo(dispute, 'escalated');
  await notifications.notify({
    dedupeKey: effectKey(dispute.scope, 'notify:operators:escalated'),
    userId: OPERATOR_INBOX,
    type: 'dispute.escalated',
    orderId: input.orderId,
    payload: {
      disputeId: input.disputeId,
      orderId: input.orderId,
      sellerId: input.sellerId,
      buyerId: input.buyerId,
    },
  });
  await waitForAnyDecision(dispute);
}
