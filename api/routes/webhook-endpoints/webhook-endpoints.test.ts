/** Seller webhook endpoints in-process with fake dependencies (test/support/fake-app.ts): validation and unsafe targets. */
import { describe, expect, it } from 'vitest';
import { webhookEndpoints } from '../../../db/schema/index.js';
import { expectProblem, fakeApp } from '../../../test/support/fake-app.js';

const seller = { id: 'usr_seller_1', role: 'seller' as const };

describe('POST /v1/webhook-endpoints', () => {
  it('is 401 without a token', async () => {
    const res = await fakeApp().call('POST', '/v1/webhook-endpoints', {
      body: { url: 'https://example.com/hook' },
    });
    expectProblem(res, 401, 'unauthorized');
  });

  it.each([
    ['a URL that is not http(s)', 'ftp://example.com/hook'],
    ['credentials in the URL', 'https://user:pw@example.com/hook'],
    ['no URL at all', 'not a url'],
  ])('refuses %s with 400', async (_, url) => {
    const fake = fakeApp();
    expectProblem(
      await fake.call('POST', '/v1/webhook-endpoints', { as: seller, body: { url } }),
      400,
      'validation_failed',
    );
    expect(fake.writesTo(webhookEndpoints)).toEqual([]);
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['a private network', 'http://10.1.2.3/hook'],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest/meta-data'],
  ])('refuses a %s address with 422 unsafe_webhook_url and stores nothing', async (_, url) => {
    const fake = fakeApp();
    const res = await fake.call('POST', '/v1/webhook-endpoints', { as: seller, body: { url } });
    expectProblem(res, 422, 'unsafe_webhook_url');
    expect(fake.writesTo(webhookEndpoints)).toEqual([]);
  });
});
