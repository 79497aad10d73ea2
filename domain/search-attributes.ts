/** Typed keys of the custom search attributes (registered by the dev server start, docs/design.md). */
import { defineSearchAttributeKey, type SearchAttributePair, SearchAttributeType } from '@temporalio/common';
import type { Currency } from './money.js';
import type { OrderStatus } from './order.js';

export const SA = {
  OrderId: defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD),
  BuyerId: defineSearchAttributeKey('BuyerId', SearchAttributeType.KEYWORD),
  SellerId: defineSearchAttributeKey('SellerId', SearchAttributeType.KEYWORD),
  OrderStatus: defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD),
  AmountMinor: defineSearchAttributeKey('AmountMinor', SearchAttributeType.INT),
  Currency: defineSearchAttributeKey('Currency', SearchAttributeType.KEYWORD),
} as const;

/** Every order workflow carries these, so operators can filter orders by party, status and amount. */
export function orderSearchAttributes(
  order: { orderId: string; buyerId: string; sellerId: string; amount: number; currency: Currency },
  status: OrderStatus,
): SearchAttributePair[] {
  return [
    { key: SA.OrderId, value: order.orderId },
    { key: SA.BuyerId, value: order.buyerId },
    { key: SA.SellerId, value: order.sellerId },
    { key: SA.OrderStatus, value: status },
    { key: SA.AmountMinor, value: order.amount },
    { key: SA.Currency, value: order.currency },
  ];
}

/** Payouts carry the seller, amount and currency, so operators find a seller's payouts too. */
export function payoutSearchAttributes(payout: {
  sellerId: string;
  amount: number;
  currency: Currency;
}): SearchAttributePair[] {
  return [
    { key: SA.SellerId, value: payout.sellerId },
    { key: SA.AmountMinor, value: payout.amount },
    { key: SA.Currency, value: payout.currency },
  ];
}
