/** The order state machine every workflow, query and view agrees on (docs/design.md). */
import type { NotifyInput } from './notifications.js';

/** The orders table's CHECK is generated from this list (db/schema/orders.ts): a change needs a migration. */
export const ORDER_STATUSES = [
  'pending',
  'reserved',
  'authorized',
  'paid',
  'shipped',
  'delivered',
  'disputed',
  'failed',
  'cancelled',
  'completed',
  'refunded',
  'split',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FINAL_STATUSES: readonly OrderStatus[] = [
  'failed',
  'cancelled',
  'completed',
  'refunded',
  'split',
];

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['reserved', 'failed'],
  reserved: ['authorized', 'failed'],
  authorized: ['paid', 'failed'],
  paid: ['shipped', 'cancelled', 'disputed'],
  shipped: ['delivered', 'disputed'],
  delivered: ['completed', 'disputed'],
  disputed: ['refunded', 'completed', 'split'],
  failed: [],
  cancelled: [],
  completed: [],
  refunded: [],
  split: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinal(status: OrderStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Machine-readable reasons an order ends `failed`. */
export const FAILURE_REASONS = [
  'out_of_stock',
  'payment_declined',
  'fraud_denied',
  'capture_failed',
  'cancelled',
  'listing_unavailable',
  /** The purchase workflow could not be started (Temporal unreachable): nothing was reserved or charged. */
  'not_started',
  /**
   * No workflow ever ran the order (the API stopped between placing it and starting it) and its
   * reservation hold passed: the stale-order sweep gave its units back; nothing was charged.
   */
  'expired',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** A status change of an order, written once per event key with what the change carries. */
export interface SetOrderStatusInput {
  orderId: string;
  from: readonly OrderStatus[];
  to: OrderStatus;
  failureReason?: FailureReason;
  paymentIntentId?: string;
  /** Deadlines shown to clients (ISO timestamps), replacing the previous ones. */
  deadlines?: Record<string, string>;
  carrier?: string;
  trackingNumber?: string;
  /** Order event dedupe key, so a retried activity writes its event once. */
  eventKey: string;
  /** The workflow that holds the escrow from now on (set with `paid`). */
  escrowWorkflowId?: string;
  /** Notifications of this change: written with it, delivered by the outbox dispatcher. */
  notify?: NotifyInput[];
}
