/** The caller's own settings in-process with fake dependencies (test/support/fake-app.ts): authentication and validation. */
import { describe, expect, it } from 'vitest';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';

const buyer = { id: 'usr_buyer_1', role: 'buyer' as const };
const PATH = '/v1/me/notification-preferences';

describe(`PUT ${PATH}`, () => {
  it('is 401 without a token', async () => {
    expectProblem(await fakeApp().call('PUT', PATH, { body: { email: null } }), 401, 'unauthorized');
  });

  it.each([
    ['an address that is not one', { email: 'not-an-address' }, 'email'],
    [
      'an unknown channel',
      { preferences: [{ eventType: 'order.paid', channel: 'fax', enabled: true }] },
      'preferences.0.channel',
    ],
  ])('refuses %s with 400 naming it, and saves nothing', async (_, body, path) => {
    const fake = fakeApp();
    const res = await fake.call('PUT', PATH, { as: buyer, body });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(fake.queries.filter((q) => !/^(insert into|select .+ from) "users"/s.test(q.sql))).toEqual([]);
  });
});
