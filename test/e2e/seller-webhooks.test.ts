/**
 * Seller webhooks over the real stack: a registered endpoint receives the seller's events signed,
 * retried with backoff by a workflow until it answers 2xx, each attempt in the delivery log; private,
 * loopback and link-local targets are refused at registration and again at delivery time. The test
 * stack allows only 127.0.0.1/32 (test/setup/global-stack.ts), so 127.0.0.2 stays refused.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client, Connection } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../activities/deps.js';
import { sellerWebhookFanOut } from '../../activities/seller-webhooks.js';
import type { Db } from '../../db/client.js';
import { ensureUser } from '../../db/queries/users.js';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema/index.js';
import { effectKey, purchaseWorkflowId } from '../../domain/ids.js';
import { sellerWebhookDeliveryWorkflowId } from '../../domain/seller-webhooks.js';
import { verifySignature } from '../../payments/webhook-signature.js';
import { recordHistories } from '../support/histories.js';
import { api, eventually, testDb, uniqueUser } from '../support/stack.js';
import { stackTemporal } from '../support/temporal.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A shop's webhook receiver: answers from `script` in turn (the last answer repeats). */
async function receiver(host: string, script: number[]) {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, body });
    res.writeHead(script[Math.min(received.length, script.length) - 1]!).end();
  });
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hooks/escrowflow') => `http://${host}:${port}${path}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

/** The seller's listing bought and paid by a fresh buyer. */
async function sale(seller: string) {
  const listing = await api('POST', '/v1/listings', {
    user: seller,
    body: { title: 'Desk lamp', amount: 4_200, currency: 'EUR', quantity: 3 },
  });
  expect(listing.status).toBe(201);
  const order = await api('POST', '/v1/orders?wait=payment', {
    user: uniqueUser('buyer'),
    body: { listingId: listing.body.id, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(order.body.status).toBe('paid');
  return { listing: listing.body, order: order.body };
}

const deliveries = async (endpointId: string, user: string) => {
  const res = await api('GET', `/v1/webhook-endpoints/${endpointId}/deliveries`, { user });
  expect(res.status).toBe(200);
  return res.body.data as any[];
};

let db: Db;
let closeDb: () => Promise<void>;
let temporal: Client;
let connection: Connection;

beforeAll(async () => {
  ({ db, close: closeDb } = testDb());
  ({ connection, client: temporal } = await stackTemporal({ codec: false }));
});
afterAll(async () => {
  await connection?.close();
  await closeDb?.();
});

/** Waits until the delivery's workflow has closed: after that no attempt can come. */
async function workflowClosed(deliveryId: string) {
  const handle = temporal.workflow.getHandle(sellerWebhookDeliveryWorkflowId({ deliveryId }));
  return eventually(async () => {
    const { status } = await handle.describe();
    return status.name === 'COMPLETED' ? status.name : undefined;
  });
}

describe('seller webhooks', () => {
  it('delivers the sale signed, retrying 500s with backoff until 200, logged attempt by attempt, once', async () => {
    const shop = await receiver('127.0.0.1', [500, 500, 200]);
    try {
      const seller = uniqueUser('seller');
      const created = await api('POST', '/v1/webhook-endpoints', {
        user: seller,
        body: { url: shop.url(), eventTypes: ['order.sold'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        url: shop.url(),
        eventTypes: ['order.sold'],
        status: 'active',
      });
      const { secret, id: endpointId } = created.body;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);

      // The secret is shown once: the list has the endpoint without it.
      const listed = await api('GET', '/v1/webhook-endpoints', { user: seller });
      expect(listed.body.data).toEqual([
        {
          id: endpointId,
          url: shop.url(),
          eventTypes: ['order.sold'],
          status: 'active',
          createdAt: expect.any(String),
        },
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      const { listing, order } = await sale(seller);

      const [log] = await eventually(async () => {
        const data = await deliveries(endpointId, seller);
        return data[0]?.status === 'delivered' ? data : undefined;
      });
      expect(log).toMatchObject({
        eventType: 'order.sold',
        eventKey: effectKey(purchaseWorkflowId({ orderId: order.id }), 'notify:seller:sold'),
        status: 'delivered',
        attempts: 3,
        lastStatusCode: 200,
        lastError: null,
        deliveredAt: expect.any(String),
      });
      expect(log.attemptLog.map((a: any) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, 500, 'HTTP 500'],
        [2, 500, 'HTTP 500'],
        [3, 200, null],
      ]);
      // Backoff: the second retry waited about twice as long as the first (200 ms, then 400 ms).
      const at = log.attemptLog.map((a: any) => Date.parse(a.at));
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(150);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(350);

      // What the shop received: the same event three times, each signed with the endpoint's secret.
      expect(shop.received).toHaveLength(3);
      for (const { headers, body } of shop.received) {
        const event = JSON.parse(body);
        expect(event).toEqual({
          id: log.eventId,
          type: 'order.sold',
          createdAt: expect.any(String),
          data: { orderId: order.id, listingId: listing.id, quantity: 1 },
        });
        expect(headers['escrowflow-event-id']).toBe(log.eventId);
        expect(headers['escrowflow-event-type']).toBe('order.sold');
        expect(headers['content-type']).toBe('application/json');
        const header = String(headers['escrowflow-signature']);
        const nowSec = Math.floor(Date.now() / 1000);
        expect(verifySignature({ secret, header, rawBody: body, nowSec })).toMatchObject({ ok: true });
        expect(verifySignature({ secret: 'whsec_other', header, rawBody: body, nowSec })).toMatchObject({
          ok: false,
          reason: 'bad_signature',
        });
        expect(
          verifySignature({ secret, header, rawBody: body.replace('"quantity":1', '"quantity":9'), nowSec }),
        ).toMatchObject({ ok: false });
      }
      expect(new Set(shop.received.map((r) => r.body)).size).toBe(1);

      // Once: the workflow is done, and the same notification again adds no delivery and no request.
      expect(await workflowClosed(log.id)).toBe('COMPLETED');
      await recordHistories({
        'seller-webhook-delivery-retried': sellerWebhookDeliveryWorkflowId({ deliveryId: log.id }),
      });
      const fanOut = sellerWebhookFanOut({
        db,
        temporal,
        log: pino({ level: 'silent' }),
        sellerWebhooks: { allowCidrs: ['127.0.0.1/32'], timeoutMs: 5000, retryInitialMs: 200 },
      } as unknown as ActivityDeps);
      await fanOut({
        dedupeKey: log.eventKey,
        userId: seller,
        type: 'order.sold',
        orderId: order.id,
        payload: { orderId: order.id, listingId: listing.id, quantity: 1 },
      });
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpointId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: log.id, status: 'delivered', attempts: 3 });
      expect(shop.received).toHaveLength(3);
    } finally {
      await shop.close();
    }
  });

  it('refuses private, loopback, link-local and mapped targets at registration, storing nothing', async () => {
    const seller = uniqueUser('seller');
    for (const url of [
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://127.0.0.2:9/x',
      'http://[::1]/x',
      'http://[::ffff:10.0.0.1]/',
      'http://[fd00::1]/x',
      'http://100.64.0.1/x',
      'http://192.168.0.1/x',
      'http://0.0.0.0:9/x',
      'http://2130706434/x', // 127.0.0.2 in decimal
      'http://0x0a000001/x', // 10.0.0.1 in hex
    ]) {
      const res = await api('POST', '/v1/webhook-endpoints', { user: seller, body: { url } });
      expect(res.status, url).toBe(422);
      expect(res.headers.get('content-type'), url).toContain('application/problem+json');
      expect(res.body, url).toMatchObject({ code: 'unsafe_webhook_url', reason: 'refused' });
    }

    const unresolvable = await api('POST', '/v1/webhook-endpoints', {
      user: seller,
      body: { url: 'https://shop.escrowflow-test.invalid/hook' },
    });
    expect(unresolvable.status).toBe(422);
    expect(unresolvable.body).toMatchObject({ code: 'unsafe_webhook_url', reason: 'unresolvable' });

    for (const url of [
      'ftp://127.0.0.1/x',
      'http://user:pw@127.0.0.1/x',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const res = await api('POST', '/v1/webhook-endpoints', { user: seller, body: { url } });
      expect(res.status, url).toBe(400);
      expect(res.body.code, url).toBe('validation_failed');
    }
    const badType = await api('POST', '/v1/webhook-endpoints', {
      user: seller,
      body: { url: 'http://127.0.0.1:9/x', eventTypes: ['Order Sold!'] },
    });
    expect(badType.status).toBe(400);

    const stored = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.sellerId, seller));
    expect(stored).toEqual([]);
  });

  it("keeps a seller's endpoints and delivery log from everyone else", async () => {
    const seller = uniqueUser('seller');
    const other = uniqueUser('seller');
    const created = await api('POST', '/v1/webhook-endpoints', {
      user: seller,
      body: { url: 'http://127.0.0.1:9/hook' },
    });
    expect(created.status).toBe(201);
    expect(created.body.eventTypes).toEqual([]);
    const id = created.body.id;

    expect((await api('GET', `/v1/webhook-endpoints/${id}/deliveries`, { user: other })).status).toBe(404);
    const foreignDelete = await api('DELETE', `/v1/webhook-endpoints/${id}`, { user: other });
    expect(foreignDelete.status).toBe(404);
    expect(foreignDelete.body.code).toBe('not_found');
    expect((await api('GET', '/v1/webhook-endpoints', { user: other })).body.data).toEqual([]);

    // Still active after the stranger's attempt; the owner disables it.
    expect((await api('GET', '/v1/webhook-endpoints', { user: seller })).body.data[0].status).toBe('active');
    const disabled = await api('DELETE', `/v1/webhook-endpoints/${id}`, { user: seller });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id, status: 'disabled' });
    expect(disabled.body.secret).toBeUndefined();
    expect((await api('GET', '/v1/webhook-endpoints', { user: seller })).body.data[0].status).toBe(
      'disabled',
    );
    expect(await deliveries(id, seller)).toEqual([]);
    expect(
      (await api('GET', `/v1/webhook-endpoints/${id}/deliveries`, { user: other, role: 'operator' })).status,
    ).toBe(200);
  });

  it('refuses at delivery time a target that is no longer allowed, without sending anything', async () => {
    // 127.0.0.2 is loopback, outside the test allow list; a server there would take the request.
    const internal = await receiver('127.0.0.2', [200]);
    try {
      const seller = uniqueUser('seller');
      await ensureUser(db, seller, 'buyer');
      // As if the host had resolved to a public address at registration and points inside now.
      const endpointId = `whe_${uniqueUser('t')}`;
      await db.insert(webhookEndpoints).values({
        id: endpointId,
        sellerId: seller,
        url: internal.url(),
        secret: 'whsec_test_refused',
        eventTypes: [],
      });

      await sale(seller);

      const [log] = await eventually(async () => {
        const data = await deliveries(endpointId, seller);
        return data[0] && data[0].status !== 'pending' ? data : undefined;
      });
      expect(log).toMatchObject({
        eventType: 'order.sold',
        status: 'refused',
        attempts: 1,
        deliveredAt: null,
      });
      expect(log.lastError).toBe('refused: 127.0.0.2 is a loopback address, which webhooks may not reach');
      expect(log.attemptLog).toHaveLength(1);
      expect(log.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: null });
      expect(await workflowClosed(log.id)).toBe('COMPLETED');
      expect(internal.received).toEqual([]);
    } finally {
      await internal.close();
    }
  });
});
