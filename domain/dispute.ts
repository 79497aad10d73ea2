/** Inputs, updates, state and outcome of the dispute workflow, shared with escrow, activities and the API. */
import type { Currency } from './money.js';

export const DISPUTE_REASONS = ['not_received', 'not_as_described', 'other', 'chargeback'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
/** Reasons a buyer may give; `chargeback` comes only from the provider's webhook. */
export const BUYER_DISPUTE_REASONS = ['not_received', 'not_as_described', 'other'] as const;

export const DISPUTE_STATUSES = ['open', 'seller_responded', 'escalated', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_OUTCOMES = ['refund', 'release', 'split'] as const;
export type DisputeOutcomeKind = (typeof DISPUTE_OUTCOMES)[number];

export interface DisputeTimers {
  /** The seller's time to accept or contest; silence resolves for the buyer. */
  sellerResponseMs: number;
  /** After the seller contests: an operator should decide within this, else escalation. */
  operatorSlaMs: number;
}
export const DEFAULT_DISPUTE_TIMERS: DisputeTimers = {
  sellerResponseMs: 3 * 24 * 3600_000,
  operatorSlaMs: 7 * 24 * 3600_000,
};

export interface DisputeInput {
  disputeId: string;
  orderId: string;
  buyerId: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  reason: DisputeReason;
  timers: DisputeTimers;
  /** What the cardholder's bank took back already (a chargeback, all or part): the buyer gets at least that. */
  chargedBack?: number;
}

export interface DisputeEvidenceUpdate {
  userId: string;
  text: string;
  links?: string[];
}
export interface DisputeAcceptUpdate {
  userId: string;
}
export interface DisputeResolveUpdate {
  operatorId: string;
  outcome: DisputeOutcomeKind;
  /** Minor units back to the buyer: required for `split` (0 < x < amount), implied otherwise. */
  refundAmount?: number;
  /** The item came back to the seller: put it on sale again (refund and split only). */
  restock?: boolean;
  note?: string;
}

/** What the dispute decided; escrow moves the money accordingly. */
export interface DisputeOutcome {
  outcome: DisputeOutcomeKind;
  refundAmount: number;
  /** `chargeback`: the cardholder's bank took the whole payment back before anyone else decided. */
  decidedBy: 'seller' | 'seller_silence' | 'chargeback' | { operatorId: string };
  restock: boolean;
}

/** A chargeback of the whole payment settles a dispute whatever was decided: the bank returned it all. */
export const chargebackOutcome = (amount: number): DisputeOutcome => ({
  outcome: 'refund',
  refundAmount: amount,
  decidedBy: 'chargeback',
  restock: false,
});

/** The outcome's kind follows from what goes back to the buyer of `amount`. */
const kindOf = (refund: number, amount: number): DisputeOutcomeKind =>
  refund <= 0 ? 'release' : refund >= amount ? 'refund' : 'split';

/**
 * A decision once the bank has taken `chargedBack` of `amount` back: the buyer has that much already,
 * so a decision that gives them less is raised to it (a release becomes a split); all of it charged
 * back decides a full refund whatever was decided.
 */
export function withChargeback(decided: DisputeOutcome, amount: number, chargedBack: number): DisputeOutcome {
  if (chargedBack <= 0) return decided;
  if (chargedBack >= amount) return chargebackOutcome(amount);
  if (decided.refundAmount >= chargedBack) return decided;
  return { ...decided, outcome: kindOf(chargedBack, amount), refundAmount: chargedBack };
}

export interface DisputeState {
  disputeId: string;
  orderId: string;
  status: DisputeStatus;
  reason: DisputeReason;
  evidence: Array<{ authorId: string; role: 'buyer' | 'seller'; at: string }>;
  deadlines: Record<string, string>;
  escalated: boolean;
  /** What the cardholder's bank took back (minor units): the least the buyer gets. */
  chargedBack?: number;
  outcome?: DisputeOutcome;
}

/** Normalises an operator's resolution into an outcome, or explains why it is not valid. */
export function outcomeOf(
  update: DisputeResolveUpdate,
  amount: number,
): { ok: true; outcome: DisputeOutcome } | { ok: false; message: string } {
  const decidedBy = { operatorId: update.operatorId };
  switch (update.outcome) {
    case 'refund':
      return {
        ok: true,
        outcome: { outcome: 'refund', refundAmount: amount, decidedBy, restock: !!update.restock },
      };
    case 'release':
      if (update.restock)
        return { ok: false, message: 'nothing comes back to restock when funds are released' };
      return { ok: true, outcome: { outcome: 'release', refundAmount: 0, decidedBy, restock: false } };
    case 'split': {
      const refund = update.refundAmount;
      if (refund === undefined || !Number.isSafeInteger(refund) || refund <= 0 || refund >= amount) {
        return { ok: false, message: `a split refunds between 1 and ${amount - 1} minor units` };
      }
      return {
        ok: true,
        outcome: { outcome: 'split', refundAmount: refund, decidedBy, restock: !!update.restock },
      };
    }
    default:
      return { ok: false, message: 'outcome must be refund, release or split' };
  }
}

/** The order's final status for each outcome (docs/design.md state machine). */
export const FINAL_STATUS_OF = { refund: 'refunded', release: 'completed', split: 'split' } as const;

export const DISPUTE_WORKFLOW = 'disputeWorkflow';

/** One dispute per order, so its id follows from the order's. */
export const disputeIdFor = (orderId: string) => `dsp_${orderId.replace(/^ord_/, '')}`;
