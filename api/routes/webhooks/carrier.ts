/**
 * POST /v1/webhooks/carrier: the carrier's signed tracking events (`tracker.updated`), signed and
 * checked like the payment provider's (api/routes/webhooks/signed.ts) with CARRIER_WEBHOOK_SECRET.
 * Each event is stored once by its id in carrier_events with the order its parcel belongs to (none for
 * a parcel we do not know); a `delivered` scan of a shipped order is signalled to its escrow workflow,
 * which takes it as the buyer's confirmation. Other statuses are only stored.
 */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { commaList } from '../../../config/env.js';
import {
  findCarrierEvent,
  findOrderByTracking,
  insertCarrierEvent,
} from '../../../db/queries/carrier-events.js';
import { escrowHolder } from '../../../domain/ids.js';
import { carrierDeliveredSignal } from '../../../workflows/escrow/messages.js';
import { signalIfRunning } from '../../services/workflows/signal.js';
import type { App } from '../../types.js';
import { readEvent, storeMalformed, verifiedDelivery } from './signed.js';

export const CARRIER_WEBHOOK_PATH = '/v1/webhooks/carrier';

interface CarrierEvent {
  id: string;
  type: string;
  data?: { carrier?: unknown; trackingNumber?: unknown; status?: unknown; occurredAt?: unknown };
}

const field = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

/** The scan a `tracker.updated` event reports, or undefined when it lacks what we need. */
function scanOf(event: CarrierEvent) {
  const data = event.data ?? {};
  const carrier = field(data.carrier, 64);
  const trackingNumber = field(data.trackingNumber, 64);
  const status = field(data.status, 64);
  const occurredAt = field(data.occurredAt, 64);
  if (!carrier || !trackingNumber || !status || !occurredAt || Number.isNaN(Date.parse(occurredAt)))
    return undefined;
  return { carrier, trackingNumber, status, occurredAt: new Date(occurredAt).toISOString() };
}

export function registerCarrierWebhook(app: App): void {
  app.post(CARRIER_WEBHOOK_PATH, async (c) => {
    const { db, temporal, env } = c.var.deps;
    const delivery = await verifiedDelivery(c, 'carrier', commaList(env.CARRIER_WEBHOOK_SECRET));
    if (!delivery.ok) return delivery.response;
    const event = readEvent<CarrierEvent>(delivery.rawBody);
    const scan = event?.type === 'tracker.updated' ? scanOf(event) : undefined;
    if (!event || (event.type === 'tracker.updated' && !scan)) {
      const stored = await storeMalformed(db, { idPrefix: 'malformed_carrier', ...delivery });
      return c.json({ received: true, stored }, 200);
    }
    if (!scan) {
      c.var.log.info({ eventId: event.id, type: event.type }, 'carrier event type ignored');
      return c.json({ received: true, ignored: true }, 200);
    }

    const order = await findOrderByTracking(db, scan);
    const fresh = await insertCarrierEvent(db, {
      id: event.id,
      ...scan,
      orderId: order?.id ?? null,
      source: 'webhook',
      payload: event,
    });
    if (!fresh) {
      // A redelivery. It is signalled again only if it is a delivery whose order still shows `shipped`:
      // then the first delivery's signal may have failed; escrow ignores a report it already acted on.
      const stored = await findCarrierEvent(db, event.id);
      if (stored?.orderId && stored.status === 'delivered' && stored.source === 'webhook') {
        const current = await findOrderByTracking(db, scan);
        if (current?.id === stored.orderId && current.status === 'shipped')
          await signalDelivered(temporal, c.var.log, stored.orderId, event.id, scan.occurredAt);
      }
      return c.json({ received: true, duplicate: true }, 200);
    }
    if (order && scan.status === 'delivered' && order.status === 'shipped')
      await signalDelivered(temporal, c.var.log, order.id, event.id, scan.occurredAt);
    return c.json({ received: true, orderId: order?.id ?? null }, 200);
  });
}

/**
 * Tells the order's escrow the carrier delivered. A workflow that no longer runs needs nothing; any
 * other failure is thrown (500) so the carrier delivers again and the redelivery signals again.
 */
async function signalDelivered(
  temporal: Client,
  log: Logger,
  orderId: string,
  eventId: string,
  occurredAt: string,
) {
  const holder = escrowHolder({ orderId });
  const sent = await signalIfRunning(temporal, holder, carrierDeliveredSignal, {
    eventId,
    occurredAt,
    source: 'webhook',
  });
  if (sent === 'not_running')
    log.warn({ workflowId: holder, eventId }, 'carrier delivery for an order no longer in escrow');
}
