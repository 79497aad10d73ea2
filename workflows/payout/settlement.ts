/** How a payout ends: paid out, or failed with the money back in the seller's available balance. */
import { effectKey } from '../../domain/ids.js';
import type { PayoutState } from '../../domain/payout.js';
import { payoutPaidLines, payoutReversedLines } from '../../domain/payout-ledger.js';
import { db, ledger } from './activities.js';
import type { PayoutRequest } from './request.js';

export async function settlePaid(payout: PayoutRequest, transferId: string): Promise<PayoutState> {
  const { payoutId } = payout.input;
  await ledger.postLedger({
    key: effectKey(payout.scope, 'paid'),
    description: `payout ${payoutId}: transfer ${transferId} paid`,
    lines: payoutPaidLines(payout.input),
  });
  await db.setPayoutStatus({ payoutId, status: 'paid' });
  payout.show('paid');
  return payout.state;
}

/** `reverse`: the money was in transit and goes back; false when it never left the available balance. */
export async function settleFailed(
  payout: PayoutRequest,
  failureCode: string,
  reverse: boolean,
): Promise<PayoutState> {
  const { payoutId } = payout.input;
  if (reverse) {
    await ledger.postLedger({
      key: effectKey(payout.scope, 'reversed'),
      description: `payout ${payoutId}: transfer failed (${failureCode}), back to available`,
      lines: payoutReversedLines(payout.input),
    });
  }
  await db.setPayoutStatus({ payoutId, status: 'failed', failureCode });
  payout.show('failed');
  payout.state.failureCode = failureCode;
  return payout.state;
}
