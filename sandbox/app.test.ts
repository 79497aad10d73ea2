/** The sandbox provider's own contract, in process: tokenization, idempotency semantics, effects, auth. */
import { describe, expect, it } from 'vitest';
import { createSandboxApp, luhnValid } from './app.js';

const secret = { authorization: 'Bearer sk_test_escrowflow', 'content-type': 'application/json' };
const publishable = { authorization: 'Bearer pk_test_escrowflow', 'content-type': 'application/json' };

function sandbox() {
  const s = createSandboxApp({ settleDelayMs: 10 });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = secret,
  ) => {
    const res = await s.app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  return { ...s, call };
}

const card = (number: string) => ({
  card: { number, exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123' },
});

describe('sandbox provider', () => {
  it('tokenizes a card with the publishable key and never echoes the number', async () => {
    const s = sandbox();
    const res = await s.call('POST', '/v1/payment_methods', card('4242 4242 4242 4242'), publishable);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ object: 'payment_method', brand: 'visa', last4: '4242' });
    expect(JSON.stringify(res.body)).not.toContain('4242424242424242');
    expect((await s.call('POST', '/v1/payment_methods', card('4242424242424242'))).status).toBe(401);
    expect(
      (await s.call('POST', '/v1/payment_methods', card('4242424242424241'), publishable)).body.error.code,
    ).toBe('incorrect_number');
    const intent = await s.call(
      'POST',
      '/v1/payment_intents',
      { amount: 1000, currency: 'EUR', payment_method: res.body.id },
      { ...secret, 'idempotency-key': 'k-token' },
    );
    expect(intent.body).toMatchObject({ status: 'authorized', payment_method: res.body.id });
    s.close();
  });

  it('declines through a tokenized decline test number', async () => {
    const s = sandbox();
    const pm = await s.call('POST', '/v1/payment_methods', card('4000000000000002'), publishable);
    const res = await s.call(
      'POST',
      '/v1/payment_intents',
      { amount: 1000, currency: 'EUR', payment_method: pm.body.id },
      { ...secret, 'idempotency-key': 'k-decline' },
    );
    expect(res.status).toBe(402);
    expect(res.body.error.code).toBe('card_declined');
    s.close();
  });

  it('gives the same answer for the same key and parameters, and refuses other parameters', async () => {
    const s = sandbox();
    const headers = { ...secret, 'idempotency-key': 'order-1:authorize' };
    const body = { amount: 2500, currency: 'EUR', payment_method: 'pm_card_ok' };
    const first = await s.call('POST', '/v1/payment_intents', body, headers);
    const again = await s.call('POST', '/v1/payment_intents', body, headers);
    expect(again).toEqual(first);
    const other = await s.call('POST', '/v1/payment_intents', { ...body, amount: 2600 }, headers);
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const effects = await s.call('GET', '/_sandbox/effects');
    expect(effects.body.byKey['order-1:authorize']).toBe(1);
    s.close();
  });

  it('refuses calls without the secret key and lists what it created', async () => {
    const s = sandbox();
    expect((await s.call('GET', '/v1/payment_intents', undefined, {})).status).toBe(401);
    await s.call(
      'POST',
      '/v1/payment_intents',
      { amount: 100, currency: 'JPY', payment_method: 'pm_card_ok' },
      {
        ...secret,
        'idempotency-key': 'k-list',
      },
    );
    const list = await s.call('GET', '/v1/payment_intents?created_gte=0');
    expect(list.body).toMatchObject({ object: 'list', has_more: false });
    expect(list.body.data).toHaveLength(1);
    s.close();
  });

  it('refuses a transfer to an invalid destination, the same way on a retry, and creates nothing', async () => {
    const s = sandbox();
    const headers = { ...secret, 'idempotency-key': 'payout-1:transfer' };
    const body = { amount: 900, currency: 'EUR', destination: 'acct_invalid_1' };
    const first = await s.call('POST', '/v1/transfers', body, headers);
    expect(first).toMatchObject({ status: 400, body: { error: { code: 'account_invalid' } } });
    expect(await s.call('POST', '/v1/transfers', body, headers)).toEqual(first);
    expect((await s.call('GET', '/_sandbox/records')).body.transfers).toEqual([]);
    expect((await s.call('GET', '/_sandbox/effects')).body.byKind.transfer).toBe(0);
    s.close();
  });

  it('holds a transfer to acct_pending… until the test control settles it, once', async () => {
    const s = sandbox();
    const created = await s.call(
      'POST',
      '/v1/transfers',
      { amount: 900, currency: 'EUR', destination: 'acct_pending_1' },
      { ...secret, 'idempotency-key': 'payout-2:transfer' },
    );
    expect(created.body.status).toBe('pending');
    await new Promise((r) => setTimeout(r, 50)); // five times the settle delay of other destinations
    expect((await s.call('GET', `/v1/transfers/${created.body.id}`)).body.status).toBe('pending');
    const settle = (body: unknown) => s.call('POST', `/_sandbox/transfers/${created.body.id}/settle`, body);
    expect((await settle({ status: 'maybe' })).status).toBe(400);
    expect(await settle({ status: 'failed', failure_code: 'account_frozen' })).toMatchObject({
      status: 200,
      body: { status: 'failed', failure_code: 'account_frozen' },
    });
    expect((await s.call('GET', `/v1/transfers/${created.body.id}`)).body.status).toBe('failed');
    expect((await settle({ status: 'paid' })).status).toBe(409);
    expect((await s.call('POST', '/_sandbox/transfers/tr_none/settle', { status: 'paid' })).status).toBe(404);
    s.close();
  });

  it('knows a Luhn-valid number', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424243')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });
});
