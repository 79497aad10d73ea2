/** The disputes routes in-process with fake dependencies (test/support/fake-app.ts): roles and validation. */
import { describe, expect, it } from 'vitest';
import { disputes } from '../../../db/schema/index.js';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';

const buyer = { id: 'usr_buyer_1', role: 'buyer' as const };
const seller = { id: 'usr_seller_1', role: 'seller' as const };
const operator = { id: 'usr_ops_1', role: 'operator' as const };

describe('POST /v1/disputes/{id}/resolve', () => {
  it.each([buyer, seller])('is 403 forbidden for a $role, before any dispute is read', async (who) => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/disputes/dsp_1/resolve', {
      as: who,
      body: { outcome: 'refund' },
    });
    expectProblem(res, 403, 'forbidden');
    expect(fake.queries.filter((q) => q.sql.includes('"disputes"'))).toEqual([]);
    expect(fake.updates).toEqual([]);
  });

  it('is 401 without a token', async () => {
    expectProblem(
      await fakeApp().call('POST', '/v1/disputes/dsp_1/resolve', { body: {} }),
      401,
      'unauthorized',
    );
  });

  it.each([
    ['an unknown outcome', { outcome: 'split_it' }, 'outcome'],
    ['a negative refund', { outcome: 'refund', refundAmount: -5 }, 'refundAmount'],
  ])('refuses %s from an operator with 400', async (_, body, path) => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/disputes/dsp_1/resolve', { as: operator, body });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(fake.updates).toEqual([]);
  });

  it('is 404 for an operator when there is no such dispute', async () => {
    const fake = fakeApp({ rows: [{ table: disputes, rows: [] }] });
    const res = await fake.call('POST', '/v1/disputes/dsp_none/resolve', {
      as: operator,
      body: { outcome: 'refund' },
    });
    expectProblem(res, 404, 'not_found');
    expect(fake.updates).toEqual([]);
  });
});

describe('POST /v1/orders/{id}/disputes and /v1/disputes/{id}/evidence', () => {
  it('refuses an unknown reason and an empty description with 400', async () => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/orders/ord_1/disputes', {
      as: buyer,
      body: { reason: 'bored', description: '' },
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['reason', 'description']),
    );
    expect(fake.updates).toEqual([]);
  });

  it('refuses evidence without text with 400', async () => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/disputes/dsp_1/evidence', { as: seller, body: { links: [] } });
    expectProblem(res, 400, 'validation_failed');
    expect(fake.updates).toEqual([]);
  });
});
