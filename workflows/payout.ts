/**
 * payout (`payout-<payoutId>`): available → in transit → provider transfer → the provider's verdict
 * (webhook signal, polling as fallback) → paid, or back to available when the transfer fails.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  defineQuery,
  defineSignal,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { FAILURE_TYPES } from '../domain/errors.js';
import { accounts, effectKey } from '../domain/ids.js';
import {
  PAYOUT_STATUS_QUERY,
  type PayoutInput,
  type PayoutState,
  TRANSFER_OUTCOME_SIGNAL,
  type TransferOutcome,
} from '../domain/payout.js';
import { databaseStep, ledgerStep, providerCall, transferPoll } from './options.js';

export { payoutWorkflowId } from '../domain/ids.js';

const db = proxyActivities<Activities>(databaseStep);
const ledger = proxyActivities<Activities>(ledgerStep);
const provider = proxyActivities<Activities>(providerCall);
const poller = proxyActivities<Activities>(transferPoll);

export const payoutStatusQuery = defineQuery<PayoutState>(PAYOUT_STATUS_QUERY);
export const transferOutcomeSignal = defineSignal<[TransferOutcome]>(TRANSFER_OUTCOME_SIGNAL);

/** How long to wait for the webhook before asking the provider ourselves. */
const WEBHOOK_GRACE = '2 minutes';

export async function payoutWorkflow(input: PayoutInput): Promise<PayoutState> {
  const { payoutId, sellerId, amount, currency } = input;
  const scope = workflowInfo().workflowId;
  const state: PayoutState = { payoutId, status: 'pending' };
  let outcome: TransferOutcome | undefined;
  setHandler(payoutStatusQuery, () => state);
  setHandler(transferOutcomeSignal, (signalled) => {
    if (signalled.transferId === state.transferId || !state.transferId) outcome ??= signalled;
  });

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
    if (isFailureType(err, FAILURE_TYPES.insufficientFunds)) return fail('insufficient_funds', false);
    throw err;
  }
  await db.setPayoutStatus({ payoutId, status: 'in_transit' });
  state.status = 'in_transit';
  setCurrentDetails(`**in_transit** · ${input.amount} ${input.currency} minor units to ${input.destination}`);

  const transfer = await provider.createTransfer({
    idempotencyKey: effectKey(scope, 'transfer'),
    payoutId,
    destination: input.destination,
    amount,
    currency,
  });
  state.transferId = transfer.transferId;
  await db.setPayoutStatus({ payoutId, status: 'in_transit', transferId: transfer.transferId });
  if (transfer.status !== 'pending')
    outcome ??= {
      transferId: transfer.transferId,
      status: transfer.status,
      failureCode: transfer.failureCode,
    };

  if (!(await condition(() => outcome !== undefined, WEBHOOK_GRACE))) {
    log.info('no transfer webhook yet, polling the provider', { payoutId });
    const polled = await poller.pollTransfer({ transferId: transfer.transferId });
    outcome ??= polled;
  }
  const verdict = outcome!;
  if (verdict.status === 'failed') return fail(verdict.failureCode ?? 'transfer_failed', true);

  await ledger.postLedger({
    key: effectKey(scope, 'paid'),
    description: `payout ${payoutId}: transfer ${transfer.transferId} paid`,
    lines: [
      { account: accounts.payoutInTransit(sellerId), currency, amount: String(-amount) },
      { account: accounts.sellerPaidOut(sellerId), currency, amount: String(amount) },
    ],
  });
  await db.setPayoutStatus({ payoutId, status: 'paid' });
  state.status = 'paid';
  setCurrentDetails(`**paid** · ${input.amount} ${input.currency} minor units to ${input.destination}`);
  return state;

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

function isFailureType(err: unknown, type: string): boolean {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof ApplicationFailure && cause.type === type;
}
