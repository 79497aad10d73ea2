/** Deterministic ids: the business key is the workflow id, so a duplicate start is "already started". */
export const purchaseWorkflowId = ({ orderId }: { orderId: string }) => `order-${orderId}`;
/** The scope of the escrow's effect keys inside `order-<id>` (no workflow of its own since 1.0). */
export const escrowWorkflowId = ({ orderId }: { orderId: string }) => `escrow-${orderId}`;
/**
 * The workflow holding an order's escrow, which takes the escrow's updates and signals: the order's own
 * workflow (`order-<id>`, one per order). `escrow-<id>` survives only as the scope of the escrow's
 * effect keys (`escrow-<id>:release`, …), never as a workflow the API addresses.
 */
export const escrowHolder = ({ orderId }: { orderId: string }) => purchaseWorkflowId({ orderId });
/** One workflow per offer (workflows/offer.ts). */
export const offerWorkflowId = ({ offerId }: { offerId: string }) => `offer-${offerId}`;
/**
 * The order an accepted offer becomes: known from the offer's start, so the hold's metadata names it
 * (chargebacks and reconciliation find the order by it) and a retried acceptance places the same one.
 */
export const offerOrderId = ({ offerId }: { offerId: string }) => `ord_${offerId}`;
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
