/** Deterministic ids: the business key is the workflow id, so a duplicate start is "already started". */
export const purchaseWorkflowId = ({ orderId }: { orderId: string }) => `order-${orderId}`;
export const escrowWorkflowId = ({ orderId }: { orderId: string }) => `escrow-${orderId}`;
/**
 * The workflow holding an order's escrow: the one its row names (`order-<id>` for orders paid since
 * one workflow runs each order, set with `paid`), else the child `escrow-<id>` of orders paid before.
 */
export const escrowHolder = (order: { id: string; escrowWorkflowId: string | null }) =>
  order.escrowWorkflowId ?? escrowWorkflowId({ orderId: order.id });
export const payoutWorkflowId = ({ payoutId }: { payoutId: string }) => `payout-${payoutId}`;
export const disputeWorkflowId = ({ orderId }: { orderId: string }) => `dispute-${orderId}`;
export const lateChargebackWorkflowId = ({ providerEventId }: { providerEventId: string }) =>
  `chargeback-${providerEventId}`;

/** Idempotency key of one external effect or posting: the workflow's business key plus its step. */
export const effectKey = (scope: string, step: string) => `${scope}:${step}`;

/** Ledger account codes (docs/design.md "Ledger accounts"). */
export const accounts = {
  buyerFunding: (currency: string) => `buyer_funding:${currency}`,
  escrow: (orderId: string) => `escrow:${orderId}`,
  sellerAvailable: (sellerId: string) => `seller_available:${sellerId}`,
  payoutInTransit: (sellerId: string) => `payout_in_transit:${sellerId}`,
  sellerPaidOut: (sellerId: string) => `seller_paid_out:${sellerId}`,
  platformFees: 'platform_fees',
  refunds: 'refunds',
} as const;
