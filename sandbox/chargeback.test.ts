/**
 * The sandbox's chargeback control: a bank may dispute all of a captured payment or only part of it;
 * the `charge.dispute.created` webhook carries what it took, in minor units and the intent's currency.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.js';

const secret = { authorization: 'Bearer sk_test_escrowflow', 'content-type': 'application/json' };
const received: Array<{ type: string; data: { object: Record<string, unknown> } }> = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c.toString('utf8');
  });
  req.on('end', () => {
    received.push(JSON.parse(body));
    res.writeHead(200).end('{}');
  });
});
let webhookUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function capturedIntent(amount: number) {
  const s = createSandboxApp({ webhookUrl });
  const call = async (path: string, body: unknown, key?: string) => {
    const res = await s.app.request(path, {
      method: 'POST',
      headers: { ...secret, ...(key && { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const intent = await call(
    '/v1/payment_intents',
    { amount, currency: 'EUR', payment_method: 'pm_card_ok', metadata: { orderId: 'ord_cb' } },
    `auth-${amount}`,
  );
  await call(`/v1/payment_intents/${intent.body.id}/capture`, {}, `capture-${amount}`);
  const chargeback = (body: unknown) => call(`/_sandbox/payment_intents/${intent.body.id}/chargeback`, body);
  return { s, intentId: intent.body.id as string, chargeback };
}

const disputeWebhook = async (disputeId: string) => {
  for (let i = 0; i < 200; i++) {
    const found = received.find((e) => e.type === 'charge.dispute.created' && e.data.object.id === disputeId);
    if (found) return found.data.object;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no webhook for ${disputeId}`);
};

describe('sandbox chargeback control', () => {
  it('takes part of a capture when given an amount; the webhook and the intent say how much', async () => {
    const { s, intentId, chargeback } = await capturedIntent(10_000);
    const res = await chargeback({ amount: 4_000, reason: 'product_not_received' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ payment_intent: intentId, amount: 4_000, currency: 'EUR' });
    expect(s.state.intents[intentId]?.amount_disputed).toBe(4_000);
    expect(await disputeWebhook(res.body.id)).toMatchObject({
      payment_intent: intentId,
      amount: 4_000,
      currency: 'EUR',
      reason: 'product_not_received',
      metadata: { orderId: 'ord_cb' },
    });
    s.close();
  });

  it('takes what is still held when no amount is given', async () => {
    const { s, intentId, chargeback } = await capturedIntent(7_000);
    const res = await chargeback({});
    expect(res.status).toBe(201);
    expect(res.body.amount).toBe(7_000);
    expect(s.state.intents[intentId]?.amount_disputed).toBe(7_000);
    expect((await disputeWebhook(res.body.id)).amount).toBe(7_000);
    s.close();
  });

  it('refuses an amount outside 1..what the payment still holds, and changes nothing', async () => {
    const { s, intentId, chargeback } = await capturedIntent(5_000);
    for (const amount of [0, -1, 1.5, '100', 5_001]) {
      const res = await chargeback({ amount });
      expect(res.status, JSON.stringify(amount)).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'amount_invalid' });
    }
    expect(s.state.intents[intentId]?.amount_disputed ?? 0).toBe(0);
    // A second dispute may take only what the first left.
    expect((await chargeback({ amount: 3_000 })).status).toBe(201);
    expect((await chargeback({ amount: 2_001 })).status).toBe(400);
    expect((await chargeback({ amount: 2_000 })).status).toBe(201);
    expect(s.state.intents[intentId]?.amount_disputed).toBe(5_000);
    s.close();
  });
});
