/** The provider and carrier webhooks in-process with fake dependencies (test/support/fake-app.ts): signatures, not tokens. */
import { describe, expect, it } from 'vitest';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';
import { SIGNATURE_HEADER } from './signed.js';

const event = { id: 'evt_1', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } };

describe.each(['/v1/webhooks/payments', '/v1/webhooks/carrier'])('POST %s', (path) => {
  it('needs no bearer token but a signature: none is 400, a forged one 401, and nothing is read', async () => {
    const fake = fakeApp();
    expectProblem(await fake.call('POST', path, { body: event }), 400, 'validation_failed');
    const forged = await fake.call('POST', path, {
      body: event,
      headers: { [SIGNATURE_HEADER]: `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
    });
    expectProblem(forged, 401, 'unauthorized');
    expect(fake.queries).toEqual([]);
    expect(fake.updates).toEqual([]);
  });
});
