/**
 * The orders routes in-process with fake dependencies (test/support/fake-app.ts): authentication,
 * validation and who may do what, answered before or around the workflow, as problem+json.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { orders } from '../../../db/schema/index.js';
import { UPDATE_REJECTIONS } from '../../../domain/failures.js';
import { expectProblem, fakeApp, type UpdateCall } from '../../../test/support/fake-app.js';
import { buyer, paidOrder, seller, stranger } from '../../../test/support/order-fixtures.js';

/** Plays the escrow's update validator: only the order's seller ships. */
function sellerOnlyShips({ update, args }: UpdateCall) {
  const { userId } = args[0] as { userId: string };
  if (update === 'ship' && userId !== seller.id)
    throw new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: UPDATE_REJECTIONS.forbidden, message: 'only the seller ships' }),
    );
  return { orderId: paidOrder.id, status: 'shipped', deadlines: {} };
}

describe('POST /v1/orders/{id}/ship', () => {
  const ship = { carrier: 'DHL', trackingNumber: 'JD0146000033' };

  it('lets the seller ship: the escrow update gets the caller as userId', async () => {
    const fake = fakeApp({ rows: [{ table: orders, rows: [paidOrder] }], onUpdate: sellerOnlyShips });
    const res = await fake.call('POST', `/v1/orders/${paidOrder.id}/ship`, { as: seller, body: ship });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.id).toBe(paidOrder.id);
    expect(fake.updates).toEqual([
      expect.objectContaining({ update: 'ship', args: [{ userId: seller.id, ...ship }] }),
    ]);
  });

  it("is 403 forbidden for the order's buyer: the workflow's refusal becomes problem+json", async () => {
    const fake = fakeApp({ rows: [{ table: orders, rows: [paidOrder] }], onUpdate: sellerOnlyShips });
    const res = await fake.call('POST', `/v1/orders/${paidOrder.id}/ship`, { as: buyer, body: ship });
    expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toBe('only the seller ships');
    expect(fake.updates.map((u) => (u.args[0] as { userId: string }).userId)).toEqual([buyer.id]);
  });

  it('is 404 for someone who is no party to the order, without asking the workflow', async () => {
    const fake = fakeApp({ rows: [{ table: orders, rows: [paidOrder] }], onUpdate: sellerOnlyShips });
    const res = await fake.call('POST', `/v1/orders/${paidOrder.id}/ship`, { as: stranger, body: ship });
    expectProblem(res, 404, 'not_found');
    expect(fake.updates).toEqual([]);
  });

  it('is 409 invalid_state when the workflow says the order cannot ship now', async () => {
    const fake = fakeApp({
      rows: [{ table: orders, rows: [paidOrder] }],
      onUpdate: () => {
        throw new WorkflowUpdateFailedError(
          'Workflow Update failed',
          ApplicationFailure.create({ type: UPDATE_REJECTIONS.invalidState, message: 'order is shipped' }),
        );
      },
    });
    expectProblem(
      await fake.call('POST', `/v1/orders/${paidOrder.id}/ship`, { as: seller, body: ship }),
      409,
      'invalid_state',
    );
  });

  it.each([
    ['a tracking number with spaces', { ...ship, trackingNumber: 'JD 0146' }],
    ['no carrier', { trackingNumber: 'JD0146000033' }],
    ['an empty body', {}],
  ])('refuses %s with 400 before the workflow is asked', async (_, body) => {
    const fake = fakeApp({ rows: [{ table: orders, rows: [paidOrder] }], onUpdate: sellerOnlyShips });
    const res = await fake.call('POST', `/v1/orders/${paidOrder.id}/ship`, { as: seller, body });
    expectProblem(res, 400, 'validation_failed');
    expect(fake.updates).toEqual([]);
  });
});

describe('GET /v1/orders/{id}', () => {
  it('shows the order to its buyer and seller, and is 404 for anyone else', async () => {
    const fake = fakeApp({ rows: [{ table: orders, rows: [paidOrder] }] });
    for (const who of [buyer, seller]) {
      const res = await fake.call('GET', `/v1/orders/${paidOrder.id}`, { as: who });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: paidOrder.id, status: 'paid' });
    }
    expectProblem(await fake.call('GET', `/v1/orders/${paidOrder.id}`, { as: stranger }), 404, 'not_found');
  });
});
