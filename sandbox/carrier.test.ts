/**
 * The sandbox carrier over HTTP through the platform's own adapter (carriers/sandbox-carrier.ts):
 * idempotent registration, tracking reads, signed `tracker.updated` webhooks from the control
 * endpoint, and the scripted delivery of demos.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxCarrier } from '../carriers/sandbox-carrier.js';
import { ProviderRejectedError } from '../payments/provider.js';
import { verifySignature } from '../payments/webhook-signature.js';
import { startSandbox } from './app.js';

const SECRET = 'whsec_carrier_unit';

/** A webhook receiver: each delivery's verified body, in arrival order. */
async function receiver() {
  const received: Array<{ body: any; verified: boolean }> = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const verified = verifySignature({
        secret: SECRET,
        header: String(req.headers['escrowflow-signature'] ?? ''),
        rawBody: raw,
        nowSec: Math.floor(Date.now() / 1000),
      }).ok;
      received.push({ body: JSON.parse(raw), verified });
      res.writeHead(200).end('{}');
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  /** Resolves once `n` deliveries have arrived. */
  const until = async (n: number) => {
    while (received.length < n) await new Promise<void>((wake) => waiters.push(wake));
    return received;
  };
  return { url, received, until, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function carrierSandbox(autoDeliverMs = 0) {
  const hooks = await receiver();
  const sandbox = await startSandbox({
    port: 0,
    carrier: { apiKey: 'ck_unit', webhookUrl: hooks.url, webhookSecret: SECRET, autoDeliverMs },
  });
  cleanups.push(hooks.close, sandbox.close);
  const carrier = createSandboxCarrier({ baseUrl: `${sandbox.url}/carrier/v1`, apiKey: 'ck_unit' });
  const scan = async (body: Record<string, unknown>) => {
    const res = await fetch(`${sandbox.url}/_sandbox/carrier/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { sandbox, hooks, carrier, scan };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err as ProviderRejectedError,
  );

describe('sandbox carrier', () => {
  it('registers a parcel once per idempotency key and refuses the key for another parcel', async () => {
    const { carrier, sandbox } = await carrierSandbox();
    const parcel = { carrier: 'SandboxPost', trackingNumber: 'SP-1' };
    const first = await carrier.registerTracker({ ...parcel, idempotencyKey: 'escrow-o1:tracker' });
    const again = await carrier.registerTracker({ ...parcel, idempotencyKey: 'escrow-o1:tracker' });
    expect(first).toEqual({ trackerId: expect.stringMatching(/^trk_/), status: 'pre_transit' });
    expect(again).toEqual(first);
    const reused = await rejection(
      carrier.registerTracker({ ...parcel, trackingNumber: 'SP-2', idempotencyKey: 'escrow-o1:tracker' }),
    );
    expect(reused).toBeInstanceOf(ProviderRejectedError);
    expect(reused?.code).toBe('idempotency_key_reused');

    const wrongKey = createSandboxCarrier({ baseUrl: `${sandbox.url}/carrier/v1`, apiKey: 'ck_other' });
    expect((await rejection(wrongKey.getTracking(parcel)))?.status).toBe(401);
    const unknown = await rejection(carrier.getTracking({ ...parcel, trackingNumber: 'SP-404' }));
    expect(unknown?.status).toBe(404);
  });

  it('records scans from the control endpoint and sends each as a signed tracker.updated webhook', async () => {
    const { carrier, hooks, scan } = await carrierSandbox();
    const parcel = { carrier: 'SandboxPost', trackingNumber: 'SP 3/a' };
    await carrier.registerTracker({ ...parcel, idempotencyKey: 'k3' });

    const quiet = await scan({ ...parcel, status: 'in_transit', deliverWebhook: false });
    expect(quiet).toMatchObject({ status: 201, body: { webhook: 'not_sent' } });
    const delivered = await scan({ ...parcel, status: 'delivered', occurredAt: '2030-01-02T03:04:05Z' });
    expect(delivered).toMatchObject({ status: 201, body: { webhook: 'sent' } });

    const [hook] = await hooks.until(1);
    expect(hooks.received).toHaveLength(1);
    expect(hook).toEqual({
      verified: true,
      body: {
        id: delivered.body.event.id,
        type: 'tracker.updated',
        created: expect.any(Number),
        data: { ...parcel, status: 'delivered', occurredAt: '2030-01-02T03:04:05.000Z' },
      },
    });
    const tracking = await carrier.getTracking(parcel);
    expect(tracking).toMatchObject({
      ...parcel,
      status: 'delivered',
      deliveredAt: '2030-01-02T03:04:05.000Z',
    });
    expect(tracking.events.map((e) => [e.id, e.status])).toEqual([
      [quiet.body.event.id, 'in_transit'],
      [delivered.body.event.id, 'delivered'],
    ]);

    expect((await scan({ ...parcel, status: 'teleported' })).status).toBe(400);
    expect((await scan({ status: 'delivered' })).status).toBe(400);
  });

  it('delivers a newly registered parcel by itself when told to (demos)', async () => {
    const { carrier, hooks } = await carrierSandbox(200);
    const parcel = { carrier: 'SandboxPost', trackingNumber: 'SP-AUTO' };
    await carrier.registerTracker({ ...parcel, idempotencyKey: 'k-auto' });
    const hooksSeen = await hooks.until(2);
    expect(hooksSeen.map((h) => [h.body.data.status, h.verified])).toEqual([
      ['in_transit', true],
      ['delivered', true],
    ]);
    expect((await carrier.getTracking(parcel)).status).toBe('delivered');
  });
});
