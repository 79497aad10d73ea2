/** Inputs, updates and status of the escrow workflow, shared with the API. */
import type { BUYER_DISPUTE_REASONS, DisputeOutcome, DisputeTimers } from './dispute.js';
import type { Currency } from './money.js';
import type { OrderStatus } from './order.js';

export interface EscrowTimers extends Partial<DisputeTimers> {
  shipByMs: number;
  autoConfirmMs: number;
  disputeWindowMs: number;
  /** How often a shipped order polls the carrier (DEFAULT_CARRIER_POLL_MS of domain/carrier.ts when absent). */
  carrierPollMs?: number;
}

export interface EscrowInput {
  orderId: string;
  buyerId: string;
  sellerId: string;
  amount: number;
  currency: Currency;
  intentId: string;
  /** Platform fee in basis points, fixed when the order was paid. */
  feeBps: number;
  timers: EscrowTimers;
}

export type EscrowStatus = Extract<
  OrderStatus,
  'paid' | 'shipped' | 'delivered' | 'disputed' | 'cancelled' | 'completed' | 'refunded' | 'split'
>;

export interface EscrowState {
  orderId: string;
  status: EscrowStatus;
  deadlines: Record<string, string>;
  carrier?: string;
  trackingNumber?: string;
  cancelReason?: 'buyer' | 'seller' | 'ship_by_deadline';
  /** Who said the parcel arrived: the buyer, the carrier (webhook or poll), or the auto-confirm timer. */
  deliveredBy?: 'buyer' | 'carrier' | 'timer';
  /** The carrier event that delivered the order, when the carrier did. */
  carrierEventId?: string;
  disputeId?: string;
  disputeOutcome?: DisputeOutcome;
}

export interface ShipUpdate {
  userId: string;
  carrier: string;
  trackingNumber: string;
}
export interface ActorUpdate {
  userId: string;
}
export interface OpenDisputeUpdate {
  userId: string;
  reason: (typeof BUYER_DISPUTE_REASONS)[number];
  description: string;
}
/** The provider's chargeback webhook, signalled to escrow: opens a dispute whoever is silent. */
export interface ChargebackSignal {
  providerEventId: string;
  reason?: string;
  /** What the bank took back, in minor units of the order's currency: all of the payment or a part. */
  amount: number;
}
