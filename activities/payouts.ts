/** Payout steps: the payout row, the provider transfer (idempotent by key) and its status. */

import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { newId } from '../db/new-id.js';
import { recordPayment } from '../db/queries/payments.js';
import {
  findPayout,
  insertPayout,
  payoutAccountStateOf,
  sellersDueForPayout,
  setPayoutStatus,
} from '../db/queries/payouts.js';
import type { Currency } from '../domain/money.js';
import type { PayoutStatus, TransferCheck } from '../domain/payout.js';
import { ProviderRejectedError } from '../payments/provider.js';
import type { ActivityDeps } from './deps.js';

export function createPayoutActivities({ db, payments, metrics }: ActivityDeps) {
  return {
    async setPayoutStatus(input: {
      payoutId: string;
      status: PayoutStatus;
      transferId?: string;
      failureCode?: string;
    }) {
      const before = await setPayoutStatus(db, input);
      const final = input.status === 'paid' || input.status === 'failed';
      if (final && before !== undefined && before !== input.status) metrics?.payoutFinal(input.status);
    },

    async createTransfer(input: {
      idempotencyKey: string;
      payoutId: string;
      destination: string;
      amount: number;
      currency: Currency;
    }) {
      await refuseUnlessOnboarded(db, input.payoutId);
      const transfer = await payments.createTransfer({
        idempotencyKey: input.idempotencyKey,
        destination: input.destination,
        amount: input.amount,
        currency: input.currency,
        metadata: { payoutId: input.payoutId },
      });
      await recordPayment(db, {
        id: newId('pay'),
        kind: 'transfer',
        idempotencyKey: input.idempotencyKey,
        providerRef: transfer.id,
        amount: input.amount,
        currency: input.currency,
        status: transfer.status,
      });
      return { transferId: transfer.id, status: transfer.status, failureCode: transfer.failureCode };
    },

    /**
     * One poll round of the tracking loop (workflows/payout.ts): the transfer as the provider has it
     * now. Pending is an answer, not a failure: the workflow's timers space out the next round.
     */
    async checkTransfer({ transferId }: { transferId: string }): Promise<TransferCheck> {
      const transfer = await payments.getTransfer(transferId);
      if (transfer.status === 'pending') return { transferId, status: 'pending' };
      return {
        transferId,
        status: transfer.status,
        ...(transfer.failureCode && { failureCode: transfer.failureCode }),
      };
    },
  };
}

/**
 * Nothing moves to a seller the provider has not cleared (onboarding, KYC): refused like a transfer
 * the provider refuses, so the payout workflow gives the money back to the seller's balance. Checked
 * on the first attempt only: a retry may follow a transfer already made (its answer lost), which the
 * same key must then return rather than the payout be reversed; the provider itself refuses
 * transfers to an account it restricted.
 */
async function refuseUnlessOnboarded(db: ActivityDeps['db'], payoutId: string): Promise<void> {
  if (Context.current().info.attempt > 1) return;
  const payout = await findPayout(db, payoutId);
  if (!payout) return;
  const { payoutsEnabled } = await payoutAccountStateOf(db, payout.sellerId);
  if (!payoutsEnabled)
    throw new ProviderRejectedError(
      409,
      'payouts_not_enabled',
      `seller ${payout.sellerId} has not finished onboarding`,
    );
}

/** Activities of the daily payout sweep. */
export function createPayoutSweepActivities({ db }: ActivityDeps) {
  return {
    async listPayoutsDue({ minimum }: { minimum: number }) {
      const due = await sellersDueForPayout(db, minimum);
      return due.map((d) => ({
        sellerId: d.sellerId,
        currency: d.currency as Currency,
        amount: Number(d.available),
        destination: d.destination,
      }));
    },
    /** One payout row per (sweep, seller, currency): a retried sweep finds the same id. */
    async createSweepPayout(input: {
      sweepId: string;
      sellerId: string;
      currency: Currency;
      amount: number;
    }): Promise<string> {
      const payoutId = `po_${createHash('sha256').update(`${input.sweepId}\n${input.sellerId}\n${input.currency}`).digest('hex').slice(0, 32)}`;
      await insertPayout(db, {
        id: payoutId,
        sellerId: input.sellerId,
        amount: BigInt(input.amount),
        currency: input.currency,
      });
      return payoutId;
    },
  };
}
