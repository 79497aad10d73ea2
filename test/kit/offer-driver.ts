/**
 * An offer as a test drives it: made as POST /v1/listings/:id/offers makes one (the row, then
 * `offer-<offerId>`), its moves sent through the offer's typed updates (workflows/offer/messages.ts).
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { offerOrderId, purchaseWorkflowId } from '../../domain/ids.js';
import type { OfferInput, OfferTerms } from '../../domain/offer.js';
import type { PurchaseInput } from '../../domain/purchase.js';
import {
  acceptOfferUpdate,
  awaitHoldUpdate,
  counterOfferUpdate,
  declineOfferUpdate,
  offerStatusQuery,
  withdrawOfferUpdate,
} from '../../workflows/offer/messages.js';
import type { offerWorkflow } from '../../workflows/offer.js';
import { type DriverDeps, OrderDriver } from './drivers.js';
import { DAY, DEFAULT_TIMERS, HOUR } from './fixtures.js';
import type { OfferRow } from './offers.js';
import type { FakeOrders } from './orders.js';

/** The production terms: 48 h after the last move, a card hold relied on for 7 days less one. */
export const DEFAULT_OFFER_TERMS: OfferTerms = {
  ttlMs: 48 * HOUR,
  holdValidityMs: 7 * DAY,
  holdMarginMs: DAY,
};

/** A listing taking offers: its seller, its unit price and its stock. */
export interface KitListing {
  listingId: string;
  sellerId: string;
  price: number;
}

export interface OfferOptions {
  /** The buyer's offer for the quantity (default 8,000 of a 10,000 listing). */
  amount?: number;
  quantity?: number;
  buyerId?: string;
  paymentMethod?: string;
  autoAcceptAmount?: number;
  autoDeclineAmount?: number;
  terms?: Partial<OfferTerms>;
}

export function offerInput(n: number, listing: KitListing, o: OfferOptions): OfferInput {
  const quantity = o.quantity ?? 1;
  return {
    offerId: `off_kit${n}`,
    listingId: listing.listingId,
    buyerId: o.buyerId ?? `buyer_kit${n}`,
    sellerId: listing.sellerId,
    quantity,
    amount: o.amount ?? 8_000 * quantity,
    currency: 'EUR',
    listPrice: listing.price * quantity,
    paymentMethod: o.paymentMethod ?? 'pm_card_ok',
    ...(o.autoAcceptAmount !== undefined && { autoAcceptAmount: o.autoAcceptAmount }),
    ...(o.autoDeclineAmount !== undefined && { autoDeclineAmount: o.autoDeclineAmount }),
    terms: { ...DEFAULT_OFFER_TERMS, ...o.terms },
    escrow: { feeBps: 1000, timers: DEFAULT_TIMERS },
  };
}

/** The row POST /v1/listings/:id/offers inserts before the workflow starts (version 0). */
export function insertedRow(input: OfferInput): OfferRow {
  const { offerId, listingId, buyerId, sellerId, quantity, currency, amount, listPrice } = input;
  return {
    id: offerId,
    listingId,
    buyerId,
    sellerId,
    quantity,
    currency,
    state: {
      offerId,
      status: 'pending',
      turn: 'seller',
      amount,
      buyerAmount: amount,
      sellerAmount: listPrice,
      history: [],
      version: 0,
    },
  };
}

/** The purchase input an acceptance starts `order-<id>` with (workflows/offer/accept.ts), hold aside. */
export function orderInput(input: OfferInput, order: { id: string; amount: number }): PurchaseInput {
  return {
    orderId: order.id,
    listingId: input.listingId,
    buyerId: input.buyerId,
    sellerId: input.sellerId,
    quantity: input.quantity,
    amount: order.amount,
    currency: input.currency,
    paymentMethod: input.paymentMethod,
    escrow: input.escrow,
  };
}

/** The order an accepted offer placed (`order-<id>`, at the agreed amount), to drive its escrow. */
export function orderOf(kit: DriverDeps & { orders: FakeOrders }, offer: OfferDriver): OrderDriver {
  const row = kit.orders.row(offer.orderId);
  if (!row) throw new Error(`offer ${offer.offerId} has no order`);
  const order = orderInput(offer.input, row);
  return new OrderDriver(kit, order, purchaseWorkflowId(order));
}

export class OfferDriver {
  readonly handle: WorkflowHandle<typeof offerWorkflow>;

  constructor(
    private readonly env: TestWorkflowEnvironment,
    handle: WorkflowHandle<typeof offerWorkflow>,
    readonly input: OfferInput,
  ) {
    this.handle = handle;
  }

  get offerId(): string {
    return this.input.offerId;
  }

  /** The order an acceptance places. */
  get orderId(): string {
    return offerOrderId(this.input);
  }

  /** The offer once its hold is known (live, failed, or settled by the listing's thresholds). */
  awaitHold() {
    return this.handle.executeUpdate(awaitHoldUpdate);
  }

  /** This offer once live: its hold placed, waiting for the seller. */
  async live(): Promise<this> {
    const state = await this.awaitHold();
    if (state.status !== 'pending') throw new Error(`offer ${this.offerId} is ${state.status}, not pending`);
    return this;
  }

  status() {
    return this.handle.query(offerStatusQuery);
  }

  accept(userId: string) {
    return this.handle.executeUpdate(acceptOfferUpdate, { args: [{ userId }] });
  }

  decline(userId: string) {
    return this.handle.executeUpdate(declineOfferUpdate, { args: [{ userId }] });
  }

  counter(userId: string, amount: number) {
    return this.handle.executeUpdate(counterOfferUpdate, { args: [{ userId, amount }] });
  }

  withdraw(userId = this.input.buyerId) {
    return this.handle.executeUpdate(withdrawOfferUpdate, { args: [{ userId }] });
  }

  /** The offer's end, skipping time until its workflow closes. */
  result() {
    return this.env.client.workflow.getHandle<typeof offerWorkflow>(this.handle.workflowId).result();
  }
}
