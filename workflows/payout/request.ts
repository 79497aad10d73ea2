/** One payout's request state and the guard on the provider's verdict. */
import { setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { PayoutInput, PayoutState, PayoutStatus, TransferOutcome } from '../../domain/payout.js';

export class PayoutRequest {
  /** What the status query returns; mutated in place so the query always sees the latest. */
  readonly state: PayoutState;
  /** The transfer's verdict: the first one wins, whether it came by webhook, at creation or by polling. */
  outcome: TransferOutcome | undefined;
  /** The workflow id, the prefix of every effect key. */
  readonly scope = workflowInfo().workflowId;

  constructor(readonly input: PayoutInput) {
    this.state = { payoutId: input.payoutId, status: 'pending' };
  }

  /** A webhook's verdict counts only for this payout's transfer (or before it is known). */
  onTransferOutcome(signalled: TransferOutcome): void {
    if (signalled.transferId === this.state.transferId || !this.state.transferId) this.outcome ??= signalled;
  }

  hasVerdict(): boolean {
    return this.outcome !== undefined;
  }

  /** Sets the status and the workflow's details line in the Temporal UI. */
  show(status: PayoutStatus, note?: string): void {
    const { amount, currency, destination } = this.input;
    this.state.status = status;
    setCurrentDetails(
      `**${status}** · ${amount} ${currency} minor units to ${destination}${note ? ` · ${note}` : ''}`,
    );
  }
}
