/**
 * The sandbox carrier: a parcel-tracking service mounted by the sandbox app under `/carrier/v1`, with
 * its own API key. The platform registers a tracker per shipped parcel (idempotent by key) and reads
 * its tracking; each scan is sent as a signed `tracker.updated` webhook. Scans come from the control
 * endpoint `POST /_sandbox/carrier/events` (demos, tests) or, when `autoDeliverMs` is set, from a
 * scripted journey after registration (in transit at half the time, delivered at the end).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { isTrackingStatus, TRACKING_STATUSES, type TrackingStatus } from '../domain/carrier.js';
import type { Faults } from './faults.js';
import type { CarrierState, SandboxState, TrackerRecord } from './store.js';
import { createWebhookSender } from './webhooks.js';

export interface SandboxCarrierOptions {
  /** The key the platform calls `/carrier/v1` with. */
  apiKey?: string;
  /** Where `tracker.updated` webhooks go (the platform's POST /v1/webhooks/carrier); none when absent. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** After a new registration, the parcel is delivered this much later (0 or absent: never by itself). */
  autoDeliverMs?: number;
}

const error = (c: Context, status: 400 | 401 | 404, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

const text = (v: unknown, max = 128): string | undefined =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v.trim() : undefined;

export function mountSandboxCarrier(
  app: Hono,
  deps: {
    state: SandboxState;
    persist: () => void;
    faults: () => Faults;
    random: () => number;
    options?: SandboxCarrierOptions;
    log?: (msg: string) => void;
  },
) {
  const options = deps.options ?? {};
  const apiKey = options.apiKey ?? 'ck_test_escrowflow';
  deps.state.carrier ??= { trackers: {}, registrations: {} };
  const carrier: CarrierState = deps.state.carrier;
  const webhooks = createWebhookSender({
    url: options.webhookUrl,
    secret: options.webhookSecret ?? 'whsec_carrier_dev',
    faults: deps.faults,
    random: deps.random,
    log: deps.log,
  });
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const keyOf = (carrierName: string, trackingNumber: string) =>
    JSON.stringify([carrierName, trackingNumber]);
  const trackerFor = (carrierName: string, trackingNumber: string): TrackerRecord => {
    const key = keyOf(carrierName, trackingNumber);
    carrier.trackers[key] ??= {
      id: `trk_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      carrier: carrierName,
      trackingNumber,
      status: 'pre_transit',
      events: [],
      created: Math.floor(Date.now() / 1000),
    };
    return carrier.trackers[key];
  };

  /** One scan of the parcel: recorded, then (unless told not to) sent to the platform. */
  function scan(tracker: TrackerRecord, status: TrackingStatus, occurredAt: string, deliverWebhook: boolean) {
    const event = { id: `cev_${randomUUID().replaceAll('-', '')}`, status, occurredAt };
    tracker.events.push(event);
    tracker.status = status;
    if (status === 'delivered') tracker.deliveredAt = occurredAt;
    deps.persist();
    const webhook = deliverWebhook && options.webhookUrl ? 'sent' : 'not_sent';
    if (webhook === 'sent') {
      webhooks.post({
        id: event.id,
        type: 'tracker.updated',
        created: Math.floor(Date.now() / 1000),
        data: { carrier: tracker.carrier, trackingNumber: tracker.trackingNumber, status, occurredAt },
      });
    }
    return { event, webhook };
  }

  // ---- test control ----
  app.post('/_sandbox/carrier/events', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const carrierName = text(body.carrier, 64);
    const trackingNumber = text(body.trackingNumber, 64);
    if (!carrierName || !trackingNumber)
      return error(c, 400, 'parameter_invalid', 'carrier and trackingNumber are required');
    if (!isTrackingStatus(body.status))
      return error(c, 400, 'parameter_invalid', `status must be one of ${TRACKING_STATUSES.join(', ')}`);
    const occurredAt =
      typeof body.occurredAt === 'string' && !Number.isNaN(Date.parse(body.occurredAt))
        ? new Date(body.occurredAt).toISOString()
        : new Date().toISOString();
    // A carrier reports scans of parcels nobody registered too (account-wide webhooks).
    const tracker = trackerFor(carrierName, trackingNumber);
    const { event, webhook } = scan(tracker, body.status, occurredAt, body.deliverWebhook !== false);
    return c.json({ event, webhook, tracker }, 201);
  });

  // ---- the carrier API ----
  app.use('/carrier/v1/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${apiKey}`)
      return error(c, 401, 'invalid_api_key', 'invalid API key');
    await next();
  });

  app.post('/carrier/v1/trackers', async (c) => {
    const key = c.req.header('idempotency-key');
    if (!key) return error(c, 400, 'idempotency_key_required', 'Idempotency-Key header is required');
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const carrierName = text(body.carrier, 64);
    const trackingNumber = text(body.trackingNumber, 64);
    if (!carrierName || !trackingNumber)
      return error(c, 400, 'parameter_invalid', 'carrier and trackingNumber are required');
    const scoped = `${apiKey}|${key}`;
    const fingerprint = createHash('sha256').update(keyOf(carrierName, trackingNumber)).digest('hex');
    const earlier = carrier.registrations[scoped];
    if (earlier) {
      if (earlier.fingerprint !== fingerprint)
        return error(c, 400, 'idempotency_key_reused', 'this key was used with another parcel');
      c.header('idempotent-replayed', 'true');
      return c.json(carrier.trackers[earlier.tracker], 200);
    }
    const isNew = !carrier.trackers[keyOf(carrierName, trackingNumber)];
    const tracker = trackerFor(carrierName, trackingNumber);
    carrier.registrations[scoped] = { fingerprint, tracker: keyOf(carrierName, trackingNumber) };
    deps.persist();
    const auto = options.autoDeliverMs ?? 0;
    if (isNew && auto > 0) {
      later(Math.floor(auto / 2), () => scan(tracker, 'in_transit', new Date().toISOString(), true));
      later(auto, () => scan(tracker, 'delivered', new Date().toISOString(), true));
    }
    return c.json(tracker, isNew ? 201 : 200);
  });

  app.get('/carrier/v1/trackers/:carrier/:trackingNumber', (c) => {
    const tracker = carrier.trackers[keyOf(c.req.param('carrier'), c.req.param('trackingNumber'))];
    if (!tracker) return error(c, 404, 'resource_missing', 'no such tracker');
    return c.json(tracker);
  });

  return {
    close() {
      webhooks.close();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
