/** Connected accounts in the sandbox: restricted until onboarded, transfers following their state. */
import { describe, expect, it, vi } from 'vitest';
import { createSandboxApp } from './app.js';

const headers = (key?: string) => ({
  authorization: 'Bearer sk_test_escrowflow',
  'content-type': 'application/json',
  ...(key && { 'idempotency-key': key }),
});

function sandbox() {
  const s = createSandboxApp({ settleDelayMs: 5 });
  const call = async (method: string, path: string, body?: unknown, key?: string) => {
    const res = await s.app.request(path, {
      method,
      headers: headers(key),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { ...s, call };
}

describe('sandbox connected accounts', () => {
  it('creates a restricted account once per key, refuses transfers to it until onboarded', async () => {
    const s = sandbox();
    const created = await s.call(
      'POST',
      '/v1/accounts',
      { type: 'express', metadata: { sellerId: 's1' } },
      'acct-1',
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^acct_/), payouts_enabled: false });
    const again = await s.call(
      'POST',
      '/v1/accounts',
      { type: 'express', metadata: { sellerId: 's1' } },
      'acct-1',
    );
    expect(again.body.id).toBe(created.body.id);
    expect(s.state.effects.byKind.account).toBe(1);

    const transfer = { amount: 500, currency: 'EUR', destination: created.body.id };
    const refused = await s.call('POST', '/v1/transfers', transfer, 'tr-1');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('transfers_not_allowed');
    expect(Object.keys(s.state.transfers)).toHaveLength(0);

    const link = await s.call('POST', '/v1/account_links', {
      account: created.body.id,
      refresh_url: 'https://p/r',
      return_url: 'https://p/b',
      type: 'account_onboarding',
    });
    expect(link.body.url).toContain(`/_sandbox/onboarding/${created.body.id}`);
    const onboarded = await s.call('POST', `/_sandbox/accounts/${created.body.id}/onboard`, {
      settles_as: 'failed',
    });
    expect(onboarded.body).toMatchObject({ payouts_enabled: true, details_submitted: true });
    const sent = await s.call('POST', '/v1/transfers', transfer, 'tr-2');
    expect(sent.status).toBe(200);
    await vi.waitFor(() =>
      expect(s.state.transfers[sent.body.id]).toMatchObject({
        status: 'failed',
        failure_code: 'account_closed',
      }),
    );
    s.close();
  });

  it('an unknown account is a 404', async () => {
    const s = sandbox();
    expect((await s.call('GET', '/v1/accounts/acct_nope')).status).toBe(404);
    s.close();
  });
});
