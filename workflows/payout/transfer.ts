/**
 * The payout's phases up to the verdict: the money goes in transit, the provider makes the transfer,
 * then its verdict comes by webhook, or, past a grace period, by asking the provider in growing intervals
 * for as long as the transfer stays pending.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  condition,
  continueAsNew,
  log,
  workflowInfo,
} from '@temporalio/workflow';
import { FAILURE_TYPES, PROVIDER_REFUSAL_PREFIX } from '../../domain/failures.js';
import { effectKey } from '../../domain/ids.js';
import type { PayoutInput, PayoutState } from '../../domain/payout.js';
import { payoutInTransitLines } from '../../domain/payout-ledger.js';
import { failureTypeOf } from '../failure-type.js';
import { checker, db, ledger, provider } from './activities.js';
import type { PayoutRequest } from './request.js';

/** How long to wait for the webhook before asking the provider ourselves. */
const WEBHOOK_GRACE = '2 minutes';
/** The tracking loop's rounds: the first a minute after the grace, then doubling up to hourly. */
const FIRST_POLL_INTERVAL_MS = 60_000;
const MAX_POLL_INTERVAL_MS = 3_600_000;

/** Available → in transit; false when the seller's available balance does not cover the payout. */
export async function moveInTransit(payout: PayoutRequest): Promise<boolean> {
  const { payoutId } = payout.input;
  try {
    await ledger.postLedger({
      key: effectKey(payout.scope, 'in-transit'),
      description: `payout ${payoutId}: available → in transit`,
      lines: payoutInTransitLines(payout.input),
    });
  } catch (err) {
    if (failureTypeOf(err) === FAILURE_TYPES.insufficientFunds) return false;
    throw err;
  }
  await db.setPayoutStatus({ payoutId, status: 'in_transit' });
  payout.show('in_transit');
  return true;
}

/** The provider's transfer, its id, and its verdict when the provider gave one at once. */
export async function createTransfer(
  payout: PayoutRequest,
): Promise<{ transferId: string } | { refused: string }> {
  const { payoutId, destination, amount, currency } = payout.input;
  let transfer: Awaited<ReturnType<typeof provider.createTransfer>>;
  try {
    transfer = await provider.createTransfer({
      idempotencyKey: effectKey(payout.scope, 'transfer'),
      payoutId,
      destination,
      amount,
      currency,
    });
  } catch (err) {
    // Refused (invalid destination, platform balance too low…): no transfer exists, the money goes back.
    const refused = refusalCode(err);
    if (refused) return { refused };
    throw err;
  }
  const { transferId } = transfer;
  payout.state.transferId = transferId;
  await db.setPayoutStatus({ payoutId, status: 'in_transit', transferId });
  if (transfer.status !== 'pending')
    payout.outcome ??= { transferId, status: transfer.status, failureCode: transfer.failureCode };
  return { transferId };
}

/** The webhook's grace period, then the provider is asked until the transfer has a verdict. */
export async function awaitVerdict(payout: PayoutRequest, transferId: string): Promise<void> {
  if (await condition(() => payout.hasVerdict(), WEBHOOK_GRACE)) return;
  log.info('no transfer webhook yet, polling the provider', { payoutId: payout.input.payoutId });
  await trackTransfer(payout, transferId);
}

/**
 * Until the transfer has a verdict (webhook signal or a poll round): one look at the provider, then a
 * timer a signal can cut short, the interval doubling up to hourly. A transfer pending for weeks
 * continues as new when the history grows large (about 11 events a round), and the new run goes on.
 */
export async function trackTransfer(payout: PayoutRequest, transferId: string): Promise<void> {
  const { payoutId } = payout.input;
  for (let interval = FIRST_POLL_INTERVAL_MS, round = 1; !payout.hasVerdict(); round++) {
    try {
      const seen = await checker.checkTransfer({ transferId });
      if (seen.status !== 'pending') payout.outcome ??= seen;
    } catch (err) {
      if (err instanceof CancelledFailure) throw err;
      // The provider did not answer this round (outage, unexpected refusal): the next round asks again.
      log.warn('transfer check failed, asking again next round', { payoutId, transferId, round });
    }
    if (payout.hasVerdict()) return;
    payout.show('in_transit', `transfer ${transferId} still pending after ${round} polls`);
    if (await condition(() => payout.hasVerdict(), interval)) return;
    interval = Math.min(interval * 2, MAX_POLL_INTERVAL_MS);
    if (workflowInfo().continueAsNewSuggested)
      await continueAsNew<(input: PayoutInput) => Promise<PayoutState>>({
        ...payout.input,
        resume: { transferId },
      });
  }
}

/** The provider's code when it refused the transfer for good (a non-retryable failure of createTransfer). */
function refusalCode(err: unknown): string | undefined {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure)) return undefined;
  if (!err.cause.nonRetryable) return undefined;
  const type = err.cause.type ?? '';
  return type.startsWith(PROVIDER_REFUSAL_PREFIX)
    ? type.slice(PROVIDER_REFUSAL_PREFIX.length)
    : 'transfer_refused';
}
