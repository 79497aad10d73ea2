/**
 * payout (`payout-<payoutId>`): available → in transit → provider transfer → the provider's verdict
 * (webhook signal, polling as fallback) → paid, or back to available when the transfer fails or the
 * provider refuses it. The workflow never ends while the money is in transit: a transfer still
 * pending is tracked, with growing intervals, for as long as it takes.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { FAILURE_TYPES, PROVIDER_REFUSAL_PREFIX } from '../domain/failures.js';
import { accounts, effectKey } from '../domain/ids.js';
import {
  PAYOUT_STATUS_QUERY,
  type PayoutInput,
  type PayoutState,
  TRANSFER_OUTCOME_SIGNAL,
  type TransferOutcome,
} from '../domain/payout.js';
import { failureTypeOf } from './failure-type.js';
import { databaseStep, ledgerStep, providerCall, transferCheck, transferPoll } from './options.js';

export { payoutWorkflowId } from '../domain/ids.js';

const db = proxyActivities<Activities>(databaseStep);
const ledger = proxyActivities<Activities>(ledgerStep);
const provider = proxyActivities<Activities>(providerCall);
const poller = proxyActivities<Activities>(transferPoll);
const checker = proxyActivities<Activities>(transferCheck);

export const payoutStatusQuery = defineQuery<PayoutState>(PAYOUT_STATUS_QUERY);
export const transferOutcomeSignal = defineSignal<[TransferOutcome]>(TRANSFER_OUTCOME_SIGNAL);

/** How long to wait for the webhook before asking the provider ourselves. */
const WEBHOOK_GRACE = '2 minutes';
/** The tracking loop's rounds: the first a minute after the grace, then doubling up to hourly. */
const FIRST_POLL_INTERVAL_MS = 60_000;
const MAX_POLL_INTERVAL_MS = 3_600_000;

/**
 * Patches (replay of older histories, test/workflows/replay.test.ts): a refused transfer used to fail
 * the workflow, a transfer pending past the one-hour poll window too, both with the money left in
 * transit.
 */
export const PAYOUT_PATCHES = {
  reverseRefusedTransfer: 'payout-reverse-refused-transfer',
  trackPendingTransfer: 'payout-track-pending-transfer',
} as const;

export async function payoutWorkflow(input: PayoutInput): Promise<PayoutState> {
  const { payoutId, sellerId, amount, currency } = input;
  const scope = workflowInfo().workflowId;
  const state: PayoutState = { payoutId, status: 'pending' };
  let outcome: TransferOutcome | undefined;
  setHandler(payoutStatusQuery, () => state);
  setHandler(transferOutcomeSignal, (signalled) => {
    if (signalled.transferId === state.transferId || !state.transferId) outcome ??= signalled;
  });

  let transferId: string;
  if (input.resume) {
    // A continued run of a long tracking: the money is in transit and the transfer exists.
    transferId = input.resume.transferId;
    state.status = 'in_transit';
    state.transferId = transferId;
    await trackTransfer(transferId);
  } else {
    try {
      await ledger.postLedger({
        key: effectKey(scope, 'in-transit'),
        description: `payout ${payoutId}: available → in transit`,
        lines: [
          { account: accounts.sellerAvailable(sellerId), currency, amount: String(-amount) },
          { account: accounts.payoutInTransit(sellerId), currency, amount: String(amount) },
        ],
      });
    } catch (err) {
      if (failureTypeOf(err) === FAILURE_TYPES.insufficientFunds) return fail('insufficient_funds', false);
      throw err;
    }
    await db.setPayoutStatus({ payoutId, status: 'in_transit' });
    state.status = 'in_transit';
    setCurrentDetails(
      `**in_transit** · ${input.amount} ${input.currency} minor units to ${input.destination}`,
    );

    let transfer: Awaited<ReturnType<typeof provider.createTransfer>>;
    try {
      transfer = await provider.createTransfer({
        idempotencyKey: effectKey(scope, 'transfer'),
        payoutId,
        destination: input.destination,
        amount,
        currency,
      });
    } catch (err) {
      // Refused (invalid destination, platform balance too low…): no transfer exists, the money goes back.
      const refused = refusalCode(err);
      if (refused && patched(PAYOUT_PATCHES.reverseRefusedTransfer)) return fail(refused, true);
      throw err;
    }
    transferId = transfer.transferId;
    state.transferId = transferId;
    await db.setPayoutStatus({ payoutId, status: 'in_transit', transferId });
    if (transfer.status !== 'pending')
      outcome ??= { transferId, status: transfer.status, failureCode: transfer.failureCode };

    if (!(await condition(() => outcome !== undefined, WEBHOOK_GRACE))) {
      log.info('no transfer webhook yet, polling the provider', { payoutId });
      if (patched(PAYOUT_PATCHES.trackPendingTransfer)) await trackTransfer(transferId);
      else outcome ??= await poller.pollTransfer({ transferId });
    }
  }
  const verdict = outcome!;
  if (verdict.status === 'failed') return fail(verdict.failureCode ?? 'transfer_failed', true);

  await ledger.postLedger({
    key: effectKey(scope, 'paid'),
    description: `payout ${payoutId}: transfer ${transferId} paid`,
    lines: [
      { account: accounts.payoutInTransit(sellerId), currency, amount: String(-amount) },
      { account: accounts.sellerPaidOut(sellerId), currency, amount: String(amount) },
    ],
  });
  await db.setPayoutStatus({ payoutId, status: 'paid' });
  state.status = 'paid';
  setCurrentDetails(`**paid** · ${input.amount} ${input.currency} minor units to ${input.destination}`);
  return state;

  /**
   * Until the transfer has a verdict (webhook signal or a poll round): one look at the provider, then a
   * timer a signal can cut short, the interval doubling up to hourly. A transfer pending for weeks
   * continues as new when the history grows large (about 11 events a round), and the new run goes on.
   */
  async function trackTransfer(id: string): Promise<void> {
    for (let interval = FIRST_POLL_INTERVAL_MS, round = 1; outcome === undefined; round++) {
      try {
        const seen = await checker.checkTransfer({ transferId: id });
        if (seen.status !== 'pending') outcome ??= seen;
      } catch (err) {
        if (err instanceof CancelledFailure) throw err;
        // The provider did not answer this round (outage, unexpected refusal): the next round asks again.
        log.warn('transfer check failed, asking again next round', { payoutId, transferId: id, round });
      }
      if (outcome !== undefined) return;
      setCurrentDetails(
        `**in_transit** · ${input.amount} ${input.currency} minor units to ${input.destination} · transfer ${id} still pending after ${round} polls`,
      );
      if (await condition(() => outcome !== undefined, interval)) return;
      interval = Math.min(interval * 2, MAX_POLL_INTERVAL_MS);
      if (workflowInfo().continueAsNewSuggested)
        await continueAsNew<typeof payoutWorkflow>({ ...input, resume: { transferId: id } });
    }
  }

  async function fail(failureCode: string, reverse: boolean): Promise<PayoutState> {
    if (reverse) {
      await ledger.postLedger({
        key: effectKey(scope, 'reversed'),
        description: `payout ${payoutId}: transfer failed (${failureCode}), back to available`,
        lines: [
          { account: accounts.payoutInTransit(sellerId), currency, amount: String(-amount) },
          { account: accounts.sellerAvailable(sellerId), currency, amount: String(amount) },
        ],
      });
    }
    await db.setPayoutStatus({ payoutId, status: 'failed', failureCode });
    state.status = 'failed';
    setCurrentDetails(`**failed** · ${input.amount} ${input.currency} minor units to ${input.destination}`);
    state.failureCode = failureCode;
    return state;
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
