/** The operator API in-process with fake dependencies (test/support/fake-app.ts): operators only. */
import { describe, expect, it } from 'vitest';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';

const buyer = { id: 'usr_buyer_1', role: 'buyer' as const };
const seller = { id: 'usr_seller_1', role: 'seller' as const };
const operator = { id: 'usr_ops_1', role: 'operator' as const };

const reads = [
  '/v1/ops/orders',
  '/v1/ops/offers',
  '/v1/ops/auctions',
  '/v1/ops/disputes',
  '/v1/ops/orders/ord_1/timeline',
  '/v1/ops/reconciliation',
];

describe('operator routes', () => {
  it.each(reads)('GET %s is 401 anonymous and 403 for buyers and sellers, reading nothing', async (path) => {
    const fake = fakeApp();
    expectProblem(await fake.call('GET', path), 401, 'unauthorized');
    for (const who of [buyer, seller])
      expectProblem(await fake.call('GET', path, { as: who }), 403, 'forbidden');
    // Only the admission's: whether the user was erased, and the users row every request ensures.
    expect(fake.queries.every((q) => /^(insert into|select .+ from) "users"/s.test(q.sql))).toBe(true);
  });

  it('refuses a fraud decision from a buyer with 403 and a bad one from an operator with 400', async () => {
    const fake = fakeApp();
    const decide = (as: typeof buyer | typeof operator, body: unknown) =>
      fake.call('POST', '/v1/ops/orders/ord_1/fraud-review', { as, body });
    expectProblem(await decide(buyer, { decision: 'allow' }), 403, 'forbidden');
    const res = await decide(operator, { decision: 'maybe' });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('decision');
    expect(fake.updates).toEqual([]);
  });

  it('refuses a reconciliation page size out of range with 400', async () => {
    const res = await fakeApp().call('GET', '/v1/ops/reconciliation?limit=1000', { as: operator });
    expectProblem(res, 400, 'validation_failed');
  });

  it.each([
    '/v1/ops/offers?status=haggling',
    '/v1/ops/offers?olderThan=soon',
    '/v1/ops/auctions?result=maybe',
    '/v1/ops/auctions?listingId=a%20b',
  ])('refuses GET %s from an operator with 400', async (path) => {
    const fake = fakeApp();
    expectProblem(await fake.call('GET', path, { as: operator }), 400, 'validation_failed');
    expect(fake.queries.filter((q) => /from "(offers|auctions)"/.test(q.sql))).toEqual([]);
  });
});
