/** The payouts routes in-process with fake dependencies (test/support/fake-app.ts): authentication and validation. */
import { describe, expect, it } from 'vitest';
import { payouts } from '../../../db/schema/index.js';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';

const seller = { id: 'usr_seller_1', role: 'seller' as const };

describe('POST /v1/payouts', () => {
  it('is 401 without a token', async () => {
    const fake = fakeApp();
    expectProblem(await fake.call('POST', '/v1/payouts', { body: { currency: 'EUR' } }), 401, 'unauthorized');
    expect(fake.queries).toEqual([]);
  });

  it.each([
    ['an unknown currency', { currency: 'XXX' }, 'currency'],
    ['a zero amount', { currency: 'EUR', amount: 0 }, 'amount'],
    ['a destination of its own choosing', { currency: 'EUR', destination: 'acct_x' }, ''],
  ])('refuses %s with 400 naming it, and pays nothing', async (_, body, path) => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/payouts', { as: seller, body });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(fake.writesTo(payouts)).toEqual([]);
  });
});
