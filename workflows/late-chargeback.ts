/**
 * late chargeback (`chargeback-<providerEventId>`): the bank took back a payment whose escrow had
 * already closed with the money released. What the order released is taken back from the seller's
 * balance and the fee into `refunds`, so the books match the provider again. A seller who was paid
 * out already cannot cover it: the operators are told, and reconciliation keeps reporting the order.
 */
import { log, patched, workflowInfo } from '@temporalio/workflow';
import { type LateChargebackInput, lateChargebackLines } from '../domain/chargeback.js';
import { FAILURE_TYPES } from '../domain/failures.js';
import { effectKey } from '../domain/ids.js';
import { OPERATOR_INBOX } from './dispute.js';
import { failureTypeOf } from './failure-type.js';
import { activitiesOn, ledgerStep, notificationStep, providerCall } from './options.js';

export { lateChargebackWorkflowId } from '../domain/ids.js';

/** Its `patched()` ids, each in docs/adr/0010-workflow-versioning.md's table. */
export const LATE_CHARGEBACK_PATCHES = {
  onlyUnbooked: 'late-chargeback-only-unbooked',
  recoveredUnderLock: 'late-chargeback-recovered-under-lock',
} as const;

const ledger = activitiesOn(ledgerStep);
const payments = activitiesOn(providerCall);
const notifications = activitiesOn(notificationStep);

export async function lateChargebackWorkflow(
  input: LateChargebackInput,
): Promise<{ recovered: number; unrecoverable?: 'insufficient_funds' }> {
  const { orderId, providerEventId, amount, currency } = input;
  const scope = workflowInfo().workflowId;
  try {
    // ADR 10: the books' gap read and booked in one step under the order's lock. Read apart from the
    // posting, two chargeback events for the same money handled at once both recovered it.
    if (patched(LATE_CHARGEBACK_PATCHES.recoveredUnderLock))
      return await payments.recoverLateChargeback({ ...input, key: effectKey(scope, 'recovery') });
    return await recoverReadApart(input, scope);
  } catch (err) {
    if (failureTypeOf(err) !== FAILURE_TYPES.insufficientFunds) throw err;
    log.error('late chargeback not recoverable from the seller', { orderId, providerEventId });
    await notifications.notify({
      dedupeKey: effectKey(scope, 'notify:operators'),
      userId: OPERATOR_INBOX,
      type: 'chargeback.unrecovered',
      orderId,
      payload: { orderId, providerEventId, amount, currency },
    });
    return { recovered: 0, unrecoverable: 'insufficient_funds' };
  }
}

/** Histories before `late-chargeback-recovered-under-lock`: the gap read, then the posting. */
async function recoverReadApart(input: LateChargebackInput, scope: string): Promise<{ recovered: number }> {
  const { orderId, providerEventId, amount, currency } = input;
  // ADR 10: recover only what the books miss. A chargeback the order's workflow already accounted
  // for, its webhook handed on again after the order closed, took the seller's share a second time.
  const recoverable = patched(LATE_CHARGEBACK_PATCHES.onlyUnbooked)
    ? Math.min(amount, await payments.unbookedTakeBack({ orderId }))
    : amount;
  const lines = lateChargebackLines(await ledger.releasedForOrder({ orderId }), recoverable, currency);
  if (!lines) return { recovered: 0 };
  const recovered = Number(lines.at(-1)!.amount);
  await ledger.postLedger({
    key: effectKey(scope, 'recovery'),
    description: `order ${orderId}: chargeback ${providerEventId} after release, ${recovered} recovered`,
    orderId,
    lines,
  });
  return { recovered };
}
