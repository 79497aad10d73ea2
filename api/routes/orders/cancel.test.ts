/**
 * POST /v1/orders/{id}/cancel in-process with fake dependencies: a `pending` order whose workflow runs
 * is cancelled by the workflow (its cancelPurchase update), never behind its back by the API.
 */
import { describe, expect, it } from 'vitest';
import { inventoryReservations, listings, orders } from '../../../db/schema/index.js';
import { fakeApp } from '../../../test/support/fake-app.js';
import { buyer, paidOrder, stranger } from '../../../test/support/order-fixtures.js';
import { cancelPurchaseUpdate } from '../../../workflows/purchase/messages.js';

const pendingOrder = {
  ...paidOrder,
  status: 'pending',
  paymentIntentId: null,
  paidAt: null,
  escrowWorkflowId: null,
};

describe('POST /v1/orders/{id}/cancel', () => {
  it('asks the running workflow to stop a pending order and writes nothing itself (202)', async () => {
    const fake = fakeApp({
      rows: [{ table: orders, rows: [pendingOrder] }],
      onUpdate: ({ update }) =>
        update === cancelPurchaseUpdate.name ? { outcome: 'cancelling' } : undefined,
    });
    const res = await fake.call('POST', `/v1/orders/${pendingOrder.id}/cancel`, { as: buyer });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ id: pendingOrder.id, status: 'pending' });
    expect(fake.updates).toEqual([
      expect.objectContaining({
        workflowId: `order-${pendingOrder.id}`,
        update: cancelPurchaseUpdate.name,
        args: [{ userId: buyer.id }],
      }),
    ]);
    for (const table of [orders, inventoryReservations, listings]) expect(fake.writesTo(table)).toEqual([]);
  });

  it('is 404 for someone who is no party to the order, without asking the workflow', async () => {
    const fake = fakeApp({ rows: [{ table: orders, rows: [pendingOrder] }] });
    const res = await fake.call('POST', `/v1/orders/${pendingOrder.id}/cancel`, { as: stranger });
    expect(res.status).toBe(404);
    expect(fake.updates).toEqual([]);
  });
});
