/** The listings routes in-process with fake dependencies (test/support/fake-app.ts): authentication and validation. */
import { describe, expect, it } from 'vitest';
import { listings } from '../../../db/schema/index.js';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';

const seller = { id: 'usr_seller_1', role: 'seller' as const };
const valid = { title: 'A lamp', amount: 2500, currency: 'EUR', quantity: 3 };

describe('POST /v1/listings', () => {
  it('is 401 without a token', async () => {
    const fake = fakeApp();
    expectProblem(await fake.call('POST', '/v1/listings', { body: valid }), 401, 'unauthorized');
    expect(fake.queries).toEqual([]);
  });

  it.each([
    ['a negative amount', { ...valid, amount: -1 }, 'amount'],
    ['a fractional amount', { ...valid, amount: 12.5 }, 'amount'],
    ['an amount as a string', { ...valid, amount: '2500' }, 'amount'],
    ['an unknown currency', { ...valid, currency: 'BTC' }, 'currency'],
    ['an empty title', { ...valid, title: '  ' }, 'title'],
    ['a quantity of 0', { ...valid, quantity: 0 }, 'quantity'],
    ['a field a seller may not set', { ...valid, available: 99 }, ''],
  ])('refuses %s with 400 validation_failed naming it, and stores nothing', async (_, body, path) => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/listings', { as: seller, body });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(fake.writesTo(listings)).toEqual([]);
  });

  it('refuses a body of another media type with 415', async () => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/listings', {
      as: seller,
      rawBody: JSON.stringify(valid),
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415, 'unsupported_media_type');
    expect(fake.writesTo(listings)).toEqual([]);
  });
});

describe('PATCH /v1/listings/{id}', () => {
  it('refuses a malformed If-Match with 400 and one past any version with 412', async () => {
    const fake = fakeApp();
    const patch = (ifMatch: string) =>
      fake.call('PATCH', '/v1/listings/lst_1', {
        as: seller,
        body: { title: 'B' },
        headers: { 'if-match': ifMatch },
      });
    expectProblem(await patch('abc'), 400, 'validation_failed');
    expectProblem(await patch('99999999999999999999'), 412, 'precondition_failed');
    expect(fake.writesTo(listings)).toEqual([]);
  });
});
