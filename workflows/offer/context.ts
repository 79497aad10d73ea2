/** What the offer workflow's parts share: its input, state, hold, activities and how a change is written. */
import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { effectKey, offerOrderId } from '../../domain/ids.js';
import type { NotifyInput } from '../../domain/notifications.js';
import {
  applyMove,
  type OfferInput,
  type OfferMove,
  type OfferParty,
  type OfferState,
  offerExpiry,
} from '../../domain/offer.js';
import { SA } from '../../domain/search-attributes.js';
import {
  activitiesOn,
  confirmationPoll,
  databaseStep,
  localActivities,
  localDatabaseStep,
  providerCallOnOrdersQueue,
} from '../options.js';

/** The hold on the buyer's card: for the buyer's last amount, replaced when the buyer raises it. */
export interface Hold {
  intentId: string;
  amount: number;
  /** Workflow time of the authorization: the hold is relied on until then + validity − margin. */
  authorizedAt: number;
  /** 1 for the offer's own hold, then 2, 3... (its idempotency keys: `authorize`, `authorize:2`...). */
  n: number;
}

export type OfferEvent = 'received' | 'countered' | 'accepted' | 'declined' | 'expired';

export class OfferContext {
  readonly scope = workflowInfo().workflowId;
  readonly orderId: string;
  state: OfferState;
  hold: Hold | undefined;
  /** The last move's workflow time: the offer expires OFFER_TTL_MS after it (capped by the hold). */
  lastMoveAt = Date.now();
  /** The version last written to the offers table. */
  recorded = 0;
  /** The hold is known and the offer live, or it has ended: the API's `awaitHold` answers. */
  settled = false;
  ended = false;
  /** A move's handler is raising the hold: no other move, no expiry, until it is done. */
  busy = false;
  /** An acceptance waiting for the main loop to place its order. */
  accepting = false;
  soldOut = false;

  readonly db = localActivities(localDatabaseStep);
  readonly payments = activitiesOn(providerCallOnOrdersQueue);
  readonly confirmations = activitiesOn(confirmationPoll);
  /** The sold-out fan-out signals other workflows: a regular activity (the worker's Temporal client). */
  readonly fanOut = activitiesOn(databaseStep);

  constructor(readonly input: OfferInput) {
    this.orderId = offerOrderId(input);
    this.state = {
      offerId: input.offerId,
      status: 'pending',
      turn: 'seller',
      amount: input.amount,
      buyerAmount: input.amount,
      sellerAmount: input.listPrice,
      history: [{ by: 'buyer', action: 'offer', amount: input.amount, at: new Date().toISOString() }],
      version: 0,
    };
  }

  key(step: string): string {
    return effectKey(this.scope, step);
  }

  roleOf(userId: string): OfferParty | undefined {
    return userId === this.input.buyerId ? 'buyer' : userId === this.input.sellerId ? 'seller' : undefined;
  }

  /** Moves may be made: the offer is live, its hold known, and no other move is under way. */
  get open(): boolean {
    return this.settled && !this.ended && !this.busy && !this.accepting;
  }

  /** When the offer expires: OFFER_TTL_MS after the last move, never past the hold's validity. */
  expiresAt(): number {
    return this.hold
      ? offerExpiry(this.lastMoveAt, this.hold.authorizedAt, this.input.terms)
      : this.lastMoveAt;
  }

  /** A party's move, applied at once (its effects follow in the main loop). */
  move(by: OfferParty, move: OfferMove): void {
    this.state = applyMove(this.state, by, move, new Date().toISOString());
    this.lastMoveAt = Date.now();
    if (move.action === 'accept') this.accepting = true;
    else this.state.expiresAt = new Date(this.expiresAt()).toISOString();
    upsertSearchAttributes([{ key: SA.AmountMinor, value: this.state.amount }]);
  }

  /** The system ends the offer (expiry, sold out, thresholds, a declined card). */
  end(change: Partial<OfferState>, action: 'decline' | 'expire' | undefined): void {
    const { state } = this;
    this.state = {
      ...state,
      ...change,
      turn: 'none',
      version: state.version + 1,
      history: action
        ? [...state.history, { by: 'system', action, amount: state.amount, at: new Date().toISOString() }]
        : state.history,
    };
  }

  /** Writes the state at its version with the notices it owes (once); answers the listing's stock. */
  async record(notify: NotifyInput[] = []): Promise<number> {
    const state = this.state;
    const { available } = await this.db.recordOfferState({
      listingId: this.input.listingId,
      state,
      notify,
    });
    this.recorded = Math.max(this.recorded, state.version);
    setCurrentDetails(`**${state.status}** · ${state.amount} ${this.input.currency} minor units`);
    return available;
  }

  /** The notice of an event to one party, once per event and version (the outbox's dedupe key). */
  notice(to: OfferParty, event: OfferEvent, state: OfferState = this.state): NotifyInput {
    const { input } = this;
    const userId = to === 'buyer' ? input.buyerId : input.sellerId;
    return {
      dedupeKey: this.key(`notify:${userId}:${event}:${state.version}`),
      userId,
      type: `offer.${event}`,
      ...(state.orderId && { orderId: state.orderId }),
      payload: {
        offerId: input.offerId,
        listingId: input.listingId,
        amount: state.amount,
        currency: input.currency,
        status: state.status,
        turn: state.turn,
        ...(state.expiresAt && { expiresAt: state.expiresAt }),
        ...(state.reason && { reason: state.reason }),
        ...(state.orderId && { orderId: state.orderId }),
      },
    };
  }
}
