/**
 * Offers (docs/design.md "Offers"): a buyer proposes a price below the listing's, with the money held
 * on the card; the parties move in turn (counter, accept, decline, withdraw) until one accepts (an
 * order at the agreed amount), one gives up, the listing sells out or the offer expires. The statuses,
 * turns and move rules the workflow, the API and the tests agree on. Pure: no I/O.
 */
import type { EscrowTimers } from './escrow.js';
import type { Currency } from './money.js';

/** The offers table's CHECK is generated from this list (db/schema/offers.ts): a change needs a migration. */
export const OFFER_STATUSES = [
  'pending', // the seller's turn
  'countered', // the buyer's turn
  'accepted', // an order exists
  'declined',
  'expired',
  'withdrawn',
  'failed', // the buyer's card was declined at the offer
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** Offers still negotiating: each holds money on the buyer's card. */
export const LIVE_OFFER_STATUSES = ['pending', 'countered'] as const satisfies readonly OfferStatus[];

export const OFFER_TURNS = ['seller', 'buyer', 'none'] as const;
export type OfferTurn = (typeof OFFER_TURNS)[number];
export type OfferParty = 'buyer' | 'seller';

export const OFFER_ACTIONS = ['offer', 'counter', 'accept', 'decline', 'withdraw', 'expire'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

/** Why an offer ended `declined`. */
export const OFFER_DECLINE_REASONS = [
  'seller_declined',
  'buyer_declined',
  'auto_declined',
  'sold_out',
] as const;
export type OfferDeclineReason = (typeof OFFER_DECLINE_REASONS)[number];
export const OFFER_FAILURE_REASONS = ['payment_declined'] as const;
export type OfferFailureReason = (typeof OFFER_FAILURE_REASONS)[number];

export interface OfferHistoryEntry {
  by: OfferParty | 'system';
  action: OfferAction;
  /** The amount on the table after the move (for a counter, the counter's). */
  amount: number;
  at: string;
}

/** How long an offer and its hold may live: fixed when the offer is made (config/env.ts OFFER_*). */
export interface OfferTerms {
  /** OFFER_TTL_MS: an offer expires this long after its last move... */
  ttlMs: number;
  /** ...but never later than the hold can be relied on: authorized + validity − margin. */
  holdValidityMs: number;
  holdMarginMs: number;
}

/** The offer's workflow input (`offer-<offerId>`), as the API makes it from the listing and the request. */
export interface OfferInput {
  offerId: string;
  listingId: string;
  buyerId: string;
  sellerId: string;
  quantity: number;
  /** The buyer's offer for the whole quantity, in minor units. */
  amount: number;
  currency: Currency;
  /** The listing's price for the quantity: the seller's side of the table until they counter. */
  listPrice: number;
  paymentMethod: string;
  /** The listing's thresholds scaled to the quantity: at or above accepts at once, below declines. */
  autoAcceptAmount?: number;
  autoDeclineAmount?: number;
  terms: OfferTerms;
  /** The order's terms if it is accepted (fee, timers), fixed when the offer is made. */
  escrow: { feeBps: number; timers: EscrowTimers };
  clientIp?: string;
}

/** The offer as its workflow holds it (the `status` query) and writes it to the offers table. */
export interface OfferState {
  offerId: string;
  status: OfferStatus;
  turn: OfferTurn;
  /** The amount on the table: the last move's. */
  amount: number;
  /** The buyer's last amount (the held one) and the seller's (the listing's price until they counter). */
  buyerAmount: number;
  sellerAmount: number;
  expiresAt?: string;
  orderId?: string;
  reason?: OfferDeclineReason;
  failureReason?: OfferFailureReason;
  history: OfferHistoryEntry[];
  /** Bumped by every change: the projection writes a version once and never an older one. */
  version: number;
}

/** A move's author (the API passes the caller): the workflow refuses anyone but the offer's parties. */
export interface OfferMover {
  userId: string;
}
export interface OfferCounter extends OfferMover {
  amount: number;
}
export interface SoldOutSignal {
  listingId: string;
}

/** How an offer's workflow ended. */
export interface OfferResult {
  offerId: string;
  status: OfferStatus;
  orderId?: string;
  reason?: OfferDeclineReason;
  failureReason?: OfferFailureReason;
}

export type OfferMove = { action: 'accept' | 'decline' | 'withdraw' } | { action: 'counter'; amount: number };

/** A move's refusal: its type is the API's problem code (409 invalid_state, 422 amount_out_of_range). */
export interface MoveRefusal {
  type: 'invalid_state' | 'amount_out_of_range';
  message: string;
}

/** Whose turn a status is. */
export function turnOf(status: OfferStatus): OfferTurn {
  return status === 'pending' ? 'seller' : status === 'countered' ? 'buyer' : 'none';
}

export function isLive(status: OfferStatus): boolean {
  return (LIVE_OFFER_STATUSES as readonly OfferStatus[]).includes(status);
}

/**
 * The turn rules: the party whose turn it is accepts, declines or counters; the buyer withdraws while
 * it is the seller's turn. A counter lies strictly between the buyer's last amount and the seller's.
 */
export function refuseMove(
  state: Pick<OfferState, 'status' | 'buyerAmount' | 'sellerAmount'>,
  by: OfferParty,
  move: OfferMove,
): MoveRefusal | undefined {
  if (!isLive(state.status)) return { type: 'invalid_state', message: `the offer is ${state.status}` };
  const turn = turnOf(state.status);
  if (move.action === 'withdraw') {
    if (by !== 'buyer' || turn !== 'seller')
      return { type: 'invalid_state', message: 'only the buyer withdraws, while it is the seller’s turn' };
    return undefined;
  }
  if (turn !== by) return { type: 'invalid_state', message: `it is the ${turn}’s turn` };
  if (move.action !== 'counter') return undefined;
  const { buyerAmount: low, sellerAmount: high } = state;
  if (!Number.isSafeInteger(move.amount) || move.amount <= low || move.amount >= high)
    return {
      type: 'amount_out_of_range',
      message: `a counter lies strictly between ${low} and ${high}`,
    };
  return undefined;
}

/** The state after an allowed move (accept leaves the status to the acceptance: an order, or sold out). */
export function applyMove(state: OfferState, by: OfferParty, move: OfferMove, at: string): OfferState {
  const next: OfferState = { ...state, history: [...state.history], version: state.version + 1 };
  switch (move.action) {
    case 'counter':
      next.amount = move.amount;
      if (by === 'buyer') next.buyerAmount = move.amount;
      else next.sellerAmount = move.amount;
      next.status = by === 'buyer' ? 'pending' : 'countered';
      break;
    case 'accept':
      next.amount = agreedAmount(state, by);
      break;
    case 'decline':
      next.status = 'declined';
      next.reason = by === 'buyer' ? 'buyer_declined' : 'seller_declined';
      break;
    case 'withdraw':
      next.status = 'withdrawn';
      break;
  }
  next.turn = move.action === 'accept' ? 'none' : turnOf(next.status);
  next.history.push({ by, action: move.action, amount: next.amount, at });
  return next;
}

/** What an acceptance agrees to: the other party's last amount. */
export function agreedAmount(
  state: Pick<OfferState, 'buyerAmount' | 'sellerAmount'>,
  by: OfferParty,
): number {
  return by === 'seller' ? state.buyerAmount : state.sellerAmount;
}

/** The listing's thresholds, at the offer: accept at or above one, decline below the other. */
export function autoOutcome(
  input: Pick<OfferInput, 'amount' | 'autoAcceptAmount' | 'autoDeclineAmount'>,
): 'accept' | 'decline' | undefined {
  if (input.autoDeclineAmount !== undefined && input.amount < input.autoDeclineAmount) return 'decline';
  if (input.autoAcceptAmount !== undefined && input.amount >= input.autoAcceptAmount) return 'accept';
  return undefined;
}

/**
 * When a live offer expires: `ttlMs` after its last move, but never after its hold can be relied on
 * (the provider's authorization validity less a margin, from the hold's authorization).
 */
export function offerExpiry(lastMoveAt: number, holdAuthorizedAt: number, terms: OfferTerms): number {
  return Math.min(lastMoveAt + terms.ttlMs, holdAuthorizedAt + terms.holdValidityMs - terms.holdMarginMs);
}

/** Workflow type and id: one workflow per offer, the offer id its business key. */
export const OFFER_WORKFLOW = 'offerWorkflow';
