/** Payout workflow types, shared by the workflow, its activities and the API. */
import type { Currency } from './money.js';

export type PayoutStatus = 'pending' | 'in_transit' | 'paid' | 'failed';

export interface PayoutInput {
  payoutId: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  destination: string;
  /**
   * Set only by the workflow itself when it continues as new while tracking a long-pending transfer:
   * the money is already in transit and the transfer exists, the new run only waits for its verdict.
   */
  resume?: { transferId: string };
}

export interface PayoutState {
  payoutId: string;
  status: PayoutStatus;
  transferId?: string;
  failureCode?: string;
}

/** The provider's verdict on a transfer, delivered by webhook signal or found by polling. */
export interface TransferOutcome {
  transferId: string;
  status: 'paid' | 'failed';
  failureCode?: string;
}

/** What one look at the provider found: the verdict, or a transfer still pending. */
export type TransferCheck = TransferOutcome | { transferId: string; status: 'pending' };

export const PAYOUT_WORKFLOW = 'payoutWorkflow';
export const PAYOUT_SWEEP_WORKFLOW = 'payoutSweepWorkflow';
export const PAYOUT_SCHEDULE_ID = 'payout-sweep-daily';
