/** Users, a listing and a paid order as the app's queries return them, for the orders route tests. */
export const seller = { id: 'usr_seller_1', role: 'seller' as const };
export const buyer = { id: 'usr_buyer_1', role: 'buyer' as const };
export const stranger = { id: 'usr_stranger_1', role: 'buyer' as const };

export const listing = {
  id: 'lst_1',
  sellerId: seller.id,
  title: 'A lamp',
  amount: 2500n,
  currency: 'EUR',
  quantity: 3,
  available: 3,
  version: 1,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-01T00:00:00Z'),
};

export const paidOrder = {
  id: 'ord_1',
  listingId: listing.id,
  buyerId: buyer.id,
  sellerId: seller.id,
  quantity: 1,
  amount: 2500n,
  currency: 'EUR',
  status: 'paid',
  failureReason: null,
  paymentMethod: 'pm_card_ok',
  paymentIntentId: 'pi_1',
  carrier: null,
  trackingNumber: null,
  deadlines: {},
  paidAt: new Date('2025-01-02T00:00:00Z'),
  escrowWorkflowId: 'order-ord_1',
  createdAt: new Date('2025-01-02T00:00:00Z'),
  updatedAt: new Date('2025-01-02T00:00:00Z'),
};
