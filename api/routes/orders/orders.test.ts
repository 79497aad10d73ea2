/**
 * The orders routes in-process with fake dependencies (test/support/fake-app.ts): authentication,
 * validation and who may do what, answered before or around the workflow, as problem+json.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { listings, orders } from '../../../db/schema/index.js';
import { UPDATE_REJECTIONS } from '../../../domain/failures.js';
import { expectProblem, fakeApp, type UpdateCall } from '../../../test/support/fake-app.js';

const seller = { id: 'usr_seller_1', role: 'seller' as const };
const buyer = { id: 'usr_buyer_1', role: 'buyer' as const };
const stranger = { id: 'usr_stranger_1', role: 'buyer' as const };

const listing = {
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

const paidOrder = {
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

const validOrder = { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' };

describe('POST /v1/orders', () => {
  it('is 401 without a token or with a bad one, before touching the database', async () => {
    const { call, queries } = fakeApp();
    expectProblem(await call('POST', '/v1/orders', { body: validOrder }), 401, 'unauthorized');
    expectProblem(
      await call('POST', '/v1/orders', { body: validOrder, headers: { authorization: 'Bearer nope' } }),
      401,
      'unauthorized',
    );
    expect(queries).toEqual([]);
  });

  it.each([
    ['a quantity of 0', { ...validOrder, quantity: 0 }, 'quantity'],
    ['a fractional quantity', { ...validOrder, quantity: 1.5 }, 'quantity'],
    ['no listing', { quantity: 1, paymentMethod: 'pm_card_ok' }, 'listingId'],
    ['an unknown field (mass assignment)', { ...validOrder, status: 'paid' }, ''],
  ])('refuses %s with 400 validation_failed naming the field, and writes nothing', async (_, body, path) => {
    const fake = fakeApp({ rows: [{ table: listings, rows: [listing] }] });
    const res = await fake.call('POST', '/v1/orders', { as: buyer, body });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(fake.writesTo(orders)).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const { call } = fakeApp();
    expectProblem(
      await call('POST', '/v1/orders', { as: buyer, rawBody: '{"listingId":' }),
      400,
      'validation_failed',
    );
  });

  it('refuses a card number in the body with 400 card_data_refused', async () => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/orders', {
      as: buyer,
      body: { ...validOrder, paymentMethod: '4242 4242 4242 4242' },
    });
    expectProblem(res, 400, 'card_data_refused');
    expect(fake.writesTo(orders)).toEqual([]);
  });

  it("refuses the seller's own listing with 422 self_purchase and an unknown one with 404", async () => {
    const fake = fakeApp({ rows: [{ table: listings, rows: [listing] }] });
    expectProblem(
      await fake.call('POST', '/v1/orders', { as: seller, body: validOrder }),
      422,
      'self_purchase',
    );
    expectProblem(
      await fake.call('POST', '/v1/orders', { as: buyer, body: { ...validOrder, listingId: 'lst_none' } }),
      404,
      'not_found',
    );
    expect(fake.writesTo(orders)).toEqual([]);
  });

  it('refuses more than is available with 409 out_of_stock', async () => {
    const fake = fakeApp({ rows: [{ table: listings, rows: [{ ...listing, available: 1 }] }] });
    const res = await fake.call('POST', '/v1/orders', { as: buyer, body: { ...validOrder, quantity: 2 } });
    expectProblem(res, 409, 'out_of_stock');
    expect(res.body.available).toBe(1);
  });
});

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
