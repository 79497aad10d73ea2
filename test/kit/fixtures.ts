/**
 * Default inputs: an order as POST /v1/orders would place it (€100, one unit, 10 % fee, the
 * production timers), and the pieces a payout needs. Every id comes from the kit's counter, so no two
 * orders of a kit share anything.
 */
import type { EscrowTimers } from '../../domain/escrow.js';
import type { Currency } from '../../domain/money.js';
import type { PurchaseInput } from '../../domain/purchase.js';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** docs/design.md: ship within 3 days, auto-confirm 14 days after shipment, a 3-day dispute window. */
export const DEFAULT_TIMERS: EscrowTimers = {
  shipByMs: 3 * DAY,
  autoConfirmMs: 14 * DAY,
  disputeWindowMs: 3 * DAY,
};

export interface OrderOptions {
  amount?: number;
  currency?: Currency;
  quantity?: number;
  /** Units the listing has before this order (default 3). */
  stock?: number;
  paymentMethod?: string;
  feeBps?: number;
  timers?: Partial<EscrowTimers>;
  clientIp?: string;
  /** The buyer's account age at the order (default 30 days): younger ones buying big go to review. */
  buyerAgeMs?: number;
  /**
   * Whether the stock is taken with the order, as the API does (default true). False leaves it to the
   * purchase's reserve step: the way to reach its out-of-stock and unknown-listing branches.
   */
  reserved?: boolean;
  /** A listing of the kit's already (e.g. one taking offers): the order buys from it. */
  listing?: { listingId: string; sellerId: string };
  /** Another seller or buyer than the order's own (e.g. the same buyer for two orders). */
  buyerId?: string;
  sellerId?: string;
}

export function purchaseInput(n: number, o: OrderOptions): PurchaseInput {
  const quantity = o.quantity ?? 1;
  return {
    orderId: `ord_kit${n}`,
    listingId: `lst_kit${n}`,
    buyerId: o.buyerId ?? `buyer_kit${n}`,
    sellerId: o.sellerId ?? `seller_kit${n}`,
    quantity,
    amount: o.amount ?? 10_000 * quantity,
    currency: o.currency ?? 'EUR',
    paymentMethod: o.paymentMethod ?? 'pm_card_ok',
    escrow: { feeBps: o.feeBps ?? 1000, timers: { ...DEFAULT_TIMERS, ...o.timers } },
    ...(o.clientIp && { clientIp: o.clientIp }),
  };
}
