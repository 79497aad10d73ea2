/**
 * The provider boundary over HTTP: signed webhooks are taken once; forged, stale, malformed and
 * replayed ones are refused and change nothing; a payment that needs the buyer's bank completes
 * from the provider's confirmation webhook.
 */
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { webhookEvents } from '../../db/schema/index.js';
import { signPayload } from '../../payments/webhook-signature.js';
import { paidOrder } from '../support/orders.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';
import { inProcessApi } from './in-process-api.js';

const secret = () => stack().env.PAYMENTS_WEBHOOK_SECRET ?? 'whsec_escrowflow_dev';
const now = () => Math.floor(Date.now() / 1000);

function post(body: string, signature: string | undefined) {
  return api('POST', '/v1/webhooks/payments', {
    rawBody: body,
    headers: signature ? { 'escrowflow-signature': signature } : {},
  });
}

const event = (type = 'account.updated') =>
  JSON.stringify({ id: `evt_${uniqueUser('t')}`, type, created: now(), data: { object: { id: 'acct_1' } } });

async function storedEvent(id: string) {
  const { db, close } = testDb();
  try {
    return (await db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0];
  } finally {
    await close();
  }
}

/** A Temporal client whose signals fail as in an outage of the frontend (not a closed workflow). */
function withSignalsDown(real: Client): Client {
  const handleOf = (id: string) =>
    new Proxy(real.workflow.getHandle(id), {
      get: (handle, prop) =>
        prop === 'signal'
          ? async () => {
              throw new Error('14 UNAVAILABLE: injected Temporal outage');
            }
          : Reflect.get(handle, prop),
    });
  const workflow = new Proxy(real.workflow, {
    get: (target, prop) => (prop === 'getHandle' ? handleOf : Reflect.get(target, prop)),
  });
  return new Proxy(real, {
    get: (target, prop) => (prop === 'workflow' ? workflow : Reflect.get(target, prop)),
  });
}

describe('payment webhooks', () => {
  it('a chargeback the workflow engine did not take is not acknowledged; the redelivery delivers it', async () => {
    const { buyer, order } = await paidOrder();
    const chargeback = JSON.stringify({
      id: `evt_cb_${uniqueUser('t')}`,
      type: 'charge.dispute.created',
      created: now(),
      data: { object: { id: 'dp_test', metadata: { orderId: order.id }, reason: 'fraudulent' } },
    });
    // Each delivery is signed anew with an earlier timestamp than the first: an equal header would be
    // refused as a replay, whatever second the clock is in.
    const firstSentAt = now();
    const outage = await inProcessApi({ temporal: withSignalsDown });
    try {
      const res = await fetch(`${outage.url}/v1/webhooks/payments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'escrowflow-signature': signPayload(secret(), chargeback, firstSentAt),
        },
        body: chargeback,
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await outage.close();
    }
    const id = JSON.parse(chargeback).id as string;
    expect((await storedEvent(id))?.processedAt).toBeNull();
    expect((await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status).toBe('paid');

    // The provider delivers again, signed anew; Temporal answers now.
    const redelivery = await post(chargeback, signPayload(secret(), chargeback, firstSentAt - 1));
    expect(redelivery.status).toBe(200);
    await eventually(
      async () => (await api('GET', `/v1/orders/${order.id}`, { user: buyer })).body.status === 'disputed',
    );
    expect((await storedEvent(id))?.processedAt).not.toBeNull();
    // A third delivery is a plain duplicate.
    expect((await post(chargeback, signPayload(secret(), chargeback, firstSentAt - 2))).body).toMatchObject({
      duplicate: true,
    });
  });

  it('takes a signed event once and acknowledges a redelivery as a duplicate', async () => {
    const body = event();
    // The sender's retry is signed anew: another timestamp than the first delivery's, whatever the clock does.
    const sentAt = now();
    const first = await post(body, signPayload(secret(), body, sentAt));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true });
    const redelivery = await post(body, signPayload(secret(), body, sentAt - 1));
    expect(redelivery.body).toEqual({ received: true, duplicate: true });
    expect(await storedEvent(JSON.parse(body).id)).toMatchObject({ type: 'account.updated' });
  });

  it('refuses forged, stale, malformed and replayed deliveries, storing nothing', async () => {
    const forgedBody = event();
    const forged = await post(forgedBody, signPayload('whsec_attacker', forgedBody, now()));
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect(forged.body.detail).toContain('bad_signature');

    const staleBody = event();
    const stale = await post(staleBody, signPayload(secret(), staleBody, now() - 301));
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toContain('stale');

    const tampered = await post(
      forgedBody.replace('account.updated', 'transfer.paid'),
      signPayload(secret(), forgedBody, now()),
    );
    expect(tampered.status).toBe(401);

    expect((await post(event(), undefined)).status).toBe(400);
    expect((await post(event(), 't=abc,v1=zz')).status).toBe(400);

    for (const body of [forgedBody, staleBody])
      expect(await storedEvent(JSON.parse(body).id)).toBeUndefined();

    const replayBody = event();
    const signature = signPayload(secret(), replayBody, now());
    expect((await post(replayBody, signature)).status).toBe(200);
    const replay = await post(replayBody, signature);
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('webhook_replayed');
  });

  it('stores a signed but unreadable event and acknowledges it without crashing anything', async () => {
    const body = '{"not json';
    const res = await post(body, signPayload(secret(), body, now()));
    expect(res.status).toBe(200);
    expect(await storedEvent(res.body.stored)).toMatchObject({ type: 'malformed' });
    expect((await api('GET', '/healthz')).status).toBe(200);
  });

  it('completes a purchase that needs the buyer’s bank from the confirmation webhook', async () => {
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Chair', amount: 3_000, currency: 'EUR', quantity: 1 },
    });
    const started = Date.now();
    const order = await api('POST', '/v1/orders?wait=payment', {
      user: buyer,
      body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_requires_confirmation' },
    });
    expect(order.status).toBe(201);
    expect(order.body.status).toBe('paid');
    // Well inside the 30 s after which the workflow would have polled instead.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
