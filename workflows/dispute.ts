/**
 * dispute (`dispute-<orderId>`), a child of escrow: collects evidence, gives the seller a deadline
 * to accept or contest (silence resolves for the buyer), then waits for an operator, escalating
 * once the operator SLA passes. It decides; the escrow workflow moves the money.
 *
 * This entry wires the parts (workflows/dispute/): the request state and its guards (case.ts), the
 * phases (phases.ts), the recorded decision (settlement.ts) and the typed messages (messages.ts).
 */
import { setHandler } from '@temporalio/workflow';
import type { DisputeInput, DisputeOutcome } from '../domain/dispute.js';
import { DisputeCase } from './dispute/case.js';
import {
  acceptDisputeUpdate,
  addEvidenceUpdate,
  disputeChargebackSignal,
  disputeStatusQuery,
  resolveDisputeUpdate,
} from './dispute/messages.js';
import { awaitOperator, awaitSeller, openDispute } from './dispute/phases.js';
import { settle } from './dispute/settlement.js';
import { afterHandlers } from './handlers-finished.js';

export { disputeWorkflowId } from '../domain/ids.js';
/** Where escalations go: the operators' shared inbox (their SSE stream and the ops API). */
export { OPERATOR_INBOX } from '../domain/inboxes.js';
export * from './dispute/messages.js';

export function disputeWorkflow(input: DisputeInput): Promise<DisputeOutcome> {
  const dispute = new DisputeCase(input);
  // Ending without a decision (a step refused for good), the parties' accepted updates are told to
  // try again (the order's workflow runs the dispute again) instead of being left unanswered.
  return afterHandlers(runDispute(dispute), () => dispute.fail());
}

async function runDispute(dispute: DisputeCase): Promise<DisputeOutcome> {
  // Registered before the first await, so messages buffered at start reach their handlers.
  setHandler(disputeStatusQuery, () => dispute.state);
  setHandler(addEvidenceUpdate, (update) => dispute.addEvidence(update), {
    validator: (update) => dispute.guardEvidence(update),
  });
  setHandler(acceptDisputeUpdate, () => dispute.accept(), {
    validator: (update) => dispute.guardAccept(update),
  });
  setHandler(resolveDisputeUpdate, (update) => dispute.resolve(update), {
    validator: (update) => dispute.guardResolve(update),
  });
  setHandler(disputeChargebackSignal, (signalled) => dispute.chargeback(signalled));

  await openDispute(dispute);
  await awaitSeller(dispute);
  if (!dispute.decided) await awaitOperator(dispute);
  return settle(dispute);
}
