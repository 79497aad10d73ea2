/**
 * Reconciliation: what the platform booked against what the provider did, for one period. Pure
 * comparison over facts gathered by the activity; every disagreement becomes a typed mismatch.
 */
import { isLive, type OfferStatus } from './offer.js';
import { FINAL_STATUSES, type OrderStatus } from './order.js';

export const MISMATCH_KINDS = [
  'missing_capture', // we booked a capture the provider does not have
  'capture_not_in_ledger', // the provider captured money the ledger never received
  'amount_differs', // both have the capture, with different amounts
  'refund_differs', // provider refunds (and chargebacks) ≠ ledger refunds for the order
  'orphan_transfer', // a provider transfer no payout of ours asked for
  'missing_transfer', // a payout that says it was transferred, unknown to the provider
  'transfer_differs', // amount or final status of a transfer disagree
  'stranded_escrow', // an order's escrow holds money no workflow will move (order final, or its workflow closed)
  'chargeback_unrecovered', // the bank took back more than the books took back for the order
  'stranded_hold', // an authorization still held at the provider for an offer that ended (not the accepted order's)
] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export interface Mismatch {
  kind: MismatchKind;
  /** The provider object (intent or transfer id) or our record it is about. */
  ref: string;
  orderId?: string;
  payoutId?: string;
  offerId?: string;
  ours?: number | string;
  theirs?: number | string;
}

/** Per order: what our books say (captures booked, refunds booked) and our capture records. */
export interface PlatformFacts {
  orders: Array<{
    orderId: string;
    intentId: string;
    capturedRecorded: number;
    ledgerCaptured: number;
    ledgerRefunded: number;
  }>;
  payouts: Array<{ payoutId: string; transferId: string | null; amount: number; status: string }>;
  /**
   * Orders whose escrow must be looked at whatever the period: final ones whose escrow is not 0, and
   * the ones still holding money (paid to disputed) with how their workflow stands, where known.
   */
  escrows?: Array<{ orderId: string; status: string; escrow: number; workflow?: string }>;
  /**
   * Holds (authorizations) of offers that have ended, to be found voided at the provider: each with
   * the offer's status and, for an accepted offer, whether it is the hold its order took over.
   */
  offerHolds?: Array<{
    offerId: string;
    intentId: string;
    offerStatus: string;
    orderId?: string;
    takenByOrder: boolean;
  }>;
}

/** Statuses in which an order's workflow holds its escrow: it must be running. */
export const HOLDING_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'delivered', 'disputed'];

export interface ProviderFacts {
  intents: Array<{
    id: string;
    orderId?: string;
    captured: number;
    refunded: number;
    disputed: number;
    /** Authorized, neither captured nor voided: money held on the card. */
    held?: number;
  }>;
  transfers: Array<{ id: string; payoutId?: string; amount: number; status: 'pending' | 'paid' | 'failed' }>;
}

export function reconcile(ours: PlatformFacts, theirs: ProviderFacts): Mismatch[] {
  const out: Mismatch[] = [];
  const intents = new Map(theirs.intents.map((i) => [i.id, i]));
  const ordersByIntent = new Map(ours.orders.map((o) => [o.intentId, o]));

  for (const order of ours.orders) {
    const intent = intents.get(order.intentId);
    const base = { ref: order.intentId, orderId: order.orderId };
    if (!intent || (intent.captured === 0 && order.capturedRecorded > 0)) {
      if (order.capturedRecorded > 0 || order.ledgerCaptured > 0)
        out.push({
          kind: 'missing_capture',
          ...base,
          ours: order.ledgerCaptured,
          theirs: intent?.captured ?? 'absent',
        });
      continue;
    }
    if (intent.captured !== order.ledgerCaptured) {
      out.push({
        kind: order.ledgerCaptured === 0 ? 'capture_not_in_ledger' : 'amount_differs',
        ...base,
        ours: order.ledgerCaptured,
        theirs: intent.captured,
      });
    }
    const takenBack = intent.refunded + intent.disputed;
    if (takenBack !== order.ledgerRefunded) {
      // A bank took more than the books took back (a late chargeback the seller could not cover).
      const unrecovered = intent.disputed > 0 && order.ledgerRefunded < takenBack;
      out.push({
        kind: unrecovered ? 'chargeback_unrecovered' : 'refund_differs',
        ...base,
        ours: order.ledgerRefunded,
        theirs: takenBack,
      });
    }
  }
  out.push(...strandedEscrows(ours.escrows ?? []));
  out.push(...strandedHolds(ours.offerHolds ?? [], intents));
  // Captures the provider made for orders of ours that our books do not know at all.
  for (const intent of theirs.intents) {
    if (intent.captured > 0 && intent.orderId && !ordersByIntent.has(intent.id)) {
      out.push({
        kind: 'capture_not_in_ledger',
        ref: intent.id,
        orderId: intent.orderId,
        ours: 0,
        theirs: intent.captured,
      });
    }
  }

  const transfers = new Map(theirs.transfers.map((t) => [t.id, t]));
  const payouts = new Map(ours.payouts.map((p) => [p.payoutId, p]));
  for (const transfer of theirs.transfers) {
    const payout = transfer.payoutId ? payouts.get(transfer.payoutId) : undefined;
    if (!payout) {
      out.push({
        kind: 'orphan_transfer',
        ref: transfer.id,
        ...(transfer.payoutId && { payoutId: transfer.payoutId }),
        theirs: transfer.amount,
      });
      continue;
    }
    const settledDiffers =
      transfer.status !== 'pending' &&
      ['paid', 'failed'].includes(payout.status) &&
      transfer.status !== payout.status;
    if (transfer.amount !== payout.amount || settledDiffers) {
      out.push({
        kind: 'transfer_differs',
        ref: transfer.id,
        payoutId: payout.payoutId,
        ours: `${payout.amount} ${payout.status}`,
        theirs: `${transfer.amount} ${transfer.status}`,
      });
    }
  }
  for (const payout of ours.payouts) {
    if (payout.transferId && !transfers.has(payout.transferId)) {
      out.push({
        kind: 'missing_transfer',
        ref: payout.transferId,
        payoutId: payout.payoutId,
        ours: payout.amount,
      });
    }
  }
  return out;
}

/**
 * Money no workflow will move: an order final with its escrow not 0, or an order holding money whose
 * workflow has closed (failed, terminated...). `theirs` says why: the status, and the workflow's.
 */
function strandedEscrows(escrows: NonNullable<PlatformFacts['escrows']>): Mismatch[] {
  return escrows.flatMap((e) => {
    const status = e.status as OrderStatus;
    const finalWithMoney = FINAL_STATUSES.includes(status) && e.escrow !== 0;
    const heldByNobody =
      HOLDING_STATUSES.includes(status) && e.workflow !== undefined && e.workflow !== 'RUNNING';
    if (!finalWithMoney && !heldByNobody) return [];
    return [
      {
        kind: 'stranded_escrow' as const,
        ref: `escrow:${e.orderId}`,
        orderId: e.orderId,
        ours: e.escrow,
        theirs: heldByNobody ? `${e.status}, workflow ${e.workflow}` : e.status,
      },
    ];
  });
}

/**
 * Money still held on a buyer's card for an offer that ended: every ending but acceptance voids the
 * hold before the offer's final state is written, and an accepted offer's only live hold is the one its
 * order took over (that order's capture or void is the order's, checked with the orders). A live offer
 * is never here: its workflow owns its hold.
 */
function strandedHolds(
  holds: NonNullable<PlatformFacts['offerHolds']>,
  intents: ReadonlyMap<string, ProviderFacts['intents'][number]>,
): Mismatch[] {
  return holds.flatMap((h) => {
    const held = intents.get(h.intentId)?.held ?? 0;
    if (held === 0 || h.takenByOrder || isLive(h.offerStatus as OfferStatus)) return [];
    return [
      {
        kind: 'stranded_hold' as const,
        ref: h.intentId,
        offerId: h.offerId,
        ...(h.orderId && { orderId: h.orderId }),
        ours: h.offerStatus,
        theirs: held,
      },
    ];
  });
}

export interface ReconciliationReport {
  reportId: string;
  periodStart: string;
  periodEnd: string;
  status: 'clean' | 'mismatches';
  counts: Record<string, number>;
  mismatches: Mismatch[];
}

export const RECONCILIATION_WORKFLOW = 'reconciliationWorkflow';
export const reconciliationWorkflowId = (reportId: string) => `reconciliation-${reportId}`;
