/**
 * payout (`payout-<payoutId>`): available → in transit → provider transfer → the provider's verdict
 * (webhook signal, polling as fallback) → paid, or back to available when the transfer fails or the
 * provider refuses it. The workflow never ends while the money is in transit: a transfer still
 * pending is tracked, with growing intervals, for as long as it takes.
 *
 * This entry wires the parts (workflows/payout/): the request state and its guard (request.ts), the
 * transfer phases (transfer.ts), the end (settlement.ts) and the typed messages (messages.ts).
 */
import { setHandler } from '@temporalio/workflow';
import type { PayoutInput, PayoutState } from '../domain/payout.js';
import { afterHandlers } from './handlers-finished.js';
import { payoutStatusQuery, transferOutcomeSignal } from './payout/messages.js';
import { PayoutRequest } from './payout/request.js';
import { settleFailed, settlePaid } from './payout/settlement.js';
import { awaitVerdict, createTransfer, moveInTransit, trackTransfer } from './payout/transfer.js';

export { payoutWorkflowId } from '../domain/ids.js';
export * from './payout/messages.js';

export function payoutWorkflow(input: PayoutInput): Promise<PayoutState> {
  return afterHandlers(runPayout(input));
}

async function runPayout(input: PayoutInput): Promise<PayoutState> {
  const payout = new PayoutRequest(input);
  setHandler(payoutStatusQuery, () => payout.state);
  setHandler(transferOutcomeSignal, (signalled) => payout.onTransferOutcome(signalled));

  let transferId: string;
  if (input.resume) {
    // A continued run of a long tracking: the money is in transit and the transfer exists.
    transferId = input.resume.transferId;
    payout.state.status = 'in_transit';
    payout.state.transferId = transferId;
    await trackTransfer(payout, transferId);
  } else {
    if (!(await moveInTransit(payout))) return settleFailed(payout, 'insufficient_funds', false);
    const transfer = await createTransfer(payout);
    if ('refused' in transfer) return settleFailed(payout, transfer.refused, true);
    transferId = transfer.transferId;
    await awaitVerdict(payout, transferId);
  }
  const verdict = payout.outcome!;
  if (verdict.status === 'failed')
    return settleFailed(payout, verdict.failureCode ?? 'transfer_failed', true);
  return settlePaid(payout, transferId);
}
