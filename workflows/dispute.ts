/**
 * dispute (`dispute-<orderId>`), a child of escrow: collects evidence, gives the seller a deadline
 * to accept or contest (silence resolves for the buyer), then waits for an operator, escalating
 * once the operator SLA passes. It decides; the escrow workflow moves the money.
 */
import {
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import {
  chargebackOutcome,
  DISPUTE_STATUS_QUERY,
  DISPUTE_UPDATES,
  type DisputeAcceptUpdate,
  type DisputeEvidenceUpdate,
  type DisputeInput,
  type DisputeOutcome,
  type DisputeResolveUpdate,
  type DisputeState,
  type DisputeStatus,
  FINAL_STATUS_OF,
  outcomeOf,
} from '../domain/dispute.js';
import { CHARGEBACK_SIGNAL, type ChargebackSignal } from '../domain/escrow.js';
import { reject, UPDATE_REJECTIONS } from '../domain/failures.js';
import { effectKey } from '../domain/ids.js';
import { SA } from '../domain/search-attributes.js';
import { partiesNotifier } from './notify.js';
import { databaseStep, notificationStep } from './options.js';

export { disputeWorkflowId } from '../domain/ids.js';

const db = proxyActivities<Activities>(databaseStep);
const notifications = proxyActivities<Activities>(notificationStep);

/** Where escalations go: the operators' shared inbox (their SSE stream and the ops API). */
export const OPERATOR_INBOX = 'escrowflow:operators'; // domain/inboxes.ts: an id no token may claim

export const disputeStatusQuery = defineQuery<DisputeState>(DISPUTE_STATUS_QUERY);
export const addEvidenceUpdate = defineUpdate<DisputeState, [DisputeEvidenceUpdate]>(
  DISPUTE_UPDATES.evidence,
);
export const acceptDisputeUpdate = defineUpdate<DisputeState, [DisputeAcceptUpdate]>(DISPUTE_UPDATES.accept);
export const resolveDisputeUpdate = defineUpdate<DisputeState, [DisputeResolveUpdate]>(
  DISPUTE_UPDATES.resolve,
);

/** Escrow forwards a chargeback that came while the dispute was open: it decides the dispute. */
export const disputeChargebackSignal = defineSignal<[ChargebackSignal]>(CHARGEBACK_SIGNAL);

const MAX_EVIDENCE = 50;

export async function disputeWorkflow(input: DisputeInput): Promise<DisputeOutcome> {
  const { disputeId, orderId, timers } = input;
  const scope = workflowInfo().workflowId;
  const state: DisputeState = {
    disputeId,
    orderId,
    status: 'open',
    reason: input.reason,
    evidence: [],
    deadlines: {},
    escalated: false,
  };
  let decided: DisputeOutcome | undefined;
  let sellerContested = false;
  let recorded = 0;
  // Evidence is written by the main loop, in arrival order, so its ids are stable across replays.
  const pendingEvidence: Array<DisputeEvidenceUpdate & { role: 'buyer' | 'seller'; seq: number }> = [];

  const roleOf = (userId: string) =>
    userId === input.buyerId ? 'buyer' : userId === input.sellerId ? 'seller' : undefined;
  const requireOpen = (action: string) => {
    if (decided || state.status === 'resolved')
      throw reject(UPDATE_REJECTIONS.invalidState, `cannot ${action}: the dispute is resolved`);
  };
  const describe = () =>
    setCurrentDetails(
      [
        `**${state.status}** · reason ${input.reason} · ${input.amount} ${input.currency} minor units`,
        `evidence: ${state.evidence.length} item(s)`,
        ...Object.entries(state.deadlines).map(([name, at]) => `${name}: ${at}`),
        ...(state.escalated ? ['ESCALATED: operator SLA passed'] : []),
      ].join('\n'),
    );

  setHandler(disputeStatusQuery, () => state);
  setHandler(
    addEvidenceUpdate,
    async (update) => {
      const role = roleOf(update.userId)!;
      const seq = state.evidence.length;
      state.evidence.push({ authorId: update.userId, role, at: new Date().toISOString() });
      pendingEvidence.push({ ...update, role, seq });
      if (role === 'seller') sellerContested = true;
      // Answers once the evidence is stored and, for the seller's first, the dispute is contested.
      await condition(() => recorded > seq && (role === 'buyer' || state.status !== 'open'));
      return state;
    },
    {
      validator: (update) => {
        if (!roleOf(update.userId)) throw reject(UPDATE_REJECTIONS.forbidden, 'only the buyer or the seller');
        requireOpen('add evidence');
        if (!update.text?.trim()) throw reject(UPDATE_REJECTIONS.invalidState, 'evidence needs a text');
        if (state.evidence.length >= MAX_EVIDENCE)
          throw reject(UPDATE_REJECTIONS.invalidState, `at most ${MAX_EVIDENCE} evidence items`);
      },
    },
  );
  setHandler(
    acceptDisputeUpdate,
    async () => {
      decided = { outcome: 'refund', refundAmount: input.amount, decidedBy: 'seller', restock: false };
      await condition(() => state.status === 'resolved');
      return state;
    },
    {
      validator: ({ userId }) => {
        if (roleOf(userId) !== 'seller')
          throw reject(UPDATE_REJECTIONS.forbidden, 'only the seller may accept');
        requireOpen('accept');
      },
    },
  );
  setHandler(
    resolveDisputeUpdate,
    async (update) => {
      const result = outcomeOf(update, input.amount);
      if (result.ok) decided = result.outcome;
      // Answers once the decision is recorded, so the caller reads a resolved dispute.
      await condition(() => state.status === 'resolved');
      return state;
    },
    {
      validator: (update) => {
        requireOpen('resolve');
        const result = outcomeOf(update, input.amount);
        if (!result.ok) throw reject(UPDATE_REJECTIONS.invalidState, result.message);
        // The bank already returned the whole payment: releasing any of it would pay out money the
        // platform no longer holds. Contesting a chargeback (representment) happens at the provider.
        if (input.reason === 'chargeback' && result.outcome.outcome !== 'refund')
          throw reject(
            UPDATE_REJECTIONS.invalidState,
            'a chargeback returned the whole payment: it resolves only as a refund',
          );
      },
    },
  );

  setHandler(disputeChargebackSignal, () => {
    // Overrides a decision not yet recorded: the money is back with the buyer whatever was decided.
    if (state.status !== 'resolved') decided = chargebackOutcome(input.amount);
  });

  const moveTo = async (status: DisputeStatus) => {
    await db.setDisputeStatus({ disputeId, status });
    state.status = status;
    describe();
  };
  const notifyBoth = partiesNotifier(input, 'dispute', { disputeId });
  const flushEvidence = async () => {
    while (pendingEvidence.length) {
      const item = pendingEvidence.shift()!;
      await db.recordEvidence({
        evidenceId: `${disputeId}_ev${item.seq}`,
        disputeId,
        authorId: item.userId,
        text: item.text,
        links: item.links ?? [],
      });
      recorded = item.seq + 1;
      const other = item.role === 'buyer' ? input.sellerId : input.buyerId;
      await notifications.notify({
        dedupeKey: effectKey(scope, `notify:${other}:evidence:${item.seq}`),
        userId: other,
        type: 'dispute.evidence',
        orderId,
        payload: { disputeId, orderId, from: item.role },
      });
    }
  };
  /** Waits for a decision, recording evidence as it comes; true when decided before `ms` passed. */
  const waitForDecision = async (ms: number, until: () => boolean = () => false) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const left = deadline - Date.now();
      const woke = await condition(() => !!decided || pendingEvidence.length > 0 || until(), left);
      await flushEvidence();
      if (decided || until()) return true;
      if (!woke) return false;
    }
  };

  upsertSearchAttributes([{ key: SA.OrderStatus, value: 'disputed' }]);
  const respondBy = new Date(Date.now() + timers.sellerResponseMs).toISOString();
  state.deadlines = { sellerRespondBy: respondBy };
  describe();
  await notifyBoth('opened', { reason: input.reason, sellerRespondBy: respondBy });

  // 1. The seller answers (accepts, or contests with evidence) or stays silent.
  const answered = await waitForDecision(timers.sellerResponseMs, () => sellerContested);
  if (!answered) {
    decided = { outcome: 'refund', refundAmount: input.amount, decidedBy: 'seller_silence', restock: false };
  }

  // 2. Contested: an operator decides; past the SLA the case escalates and keeps waiting.
  if (!decided) {
    state.deadlines = { operatorDecideBy: new Date(Date.now() + timers.operatorSlaMs).toISOString() };
    await moveTo('seller_responded');
    if (!(await waitForDecision(timers.operatorSlaMs))) {
      state.escalated = true;
      await moveTo('escalated');
      await notifications.notify({
        dedupeKey: effectKey(scope, 'notify:operators:escalated'),
        userId: OPERATOR_INBOX,
        type: 'dispute.escalated',
        orderId,
        payload: { disputeId, orderId, sellerId: input.sellerId, buyerId: input.buyerId },
      });
      while (!decided) {
        await condition(() => !!decided || pendingEvidence.length > 0);
        await flushEvidence();
      }
    }
  }

  await flushEvidence();
  const outcome = decided!;
  await db.recordDisputeOutcome({ disputeId, outcome });
  // Only now: updates waiting on `resolved` answer after the row says so.
  state.outcome = outcome;
  state.status = 'resolved';
  state.deadlines = {};
  upsertSearchAttributes([{ key: SA.OrderStatus, value: FINAL_STATUS_OF[outcome.outcome] }]);
  describe();
  return outcome;
}
