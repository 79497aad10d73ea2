/**
 * POST /v1/orders in-process with fake dependencies (test/support/fake-app.ts): authentication,
 * validation and who may buy what, answered before the workflow, as problem+json.
 */
import { describe, expect, it } from 'vitest';
import { listings, orders } from '../../../db/schema/index.js';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';
import { buyer, listing, seller } from '../../../test/support/order-fixtures.js';

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
