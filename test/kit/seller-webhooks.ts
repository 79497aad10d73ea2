/**
 * Seller webhook endpoints, deliveries and their attempt log (db/queries/seller-webhooks.ts), with a
 * receiver the test scripts instead of an HTTP server: each endpoint answers every attempt with the
 * status code its `respond` gives, or is a target the SSRF policy refuses (`unsafe`).
 */
import { webhookDeliveryId, webhookEventId } from '../../activities/seller-webhooks.js';
import type { NotifyInput } from '../../domain/notifications.js';
import type {
  SellerWebhookEvent,
  WebhookDeliveryStatus,
  WebhookEndpointStatus,
} from '../../domain/seller-webhooks.js';

export interface Endpoint {
  id: string;
  sellerId: string;
  status: WebhookEndpointStatus;
  /** Empty: every event type. */
  eventTypes: string[];
  /** The receiver's answer to attempt n (1-based): an HTTP status code. */
  respond: (attempt: number) => number;
  /** The endpoint's address is one the SSRF policy refuses: nothing is ever sent. */
  unsafe: boolean;
}

export interface Delivery {
  id: string;
  endpointId: string;
  eventKey: string;
  eventType: string;
  payload: SellerWebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  /** The events the receiver got, one per attempt that reached it. */
  received: SellerWebhookEvent[];
}

export interface Attempt {
  deliveryId: string;
  attempt: number;
  statusCode?: number;
  error?: string;
}

export class FakeSellerWebhooks {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly attemptLog: Attempt[] = [];
  private seq = 0;

  addEndpoint(
    sellerId: string,
    options: Partial<Pick<Endpoint, 'eventTypes' | 'respond' | 'unsafe'>> = {},
  ): Endpoint {
    this.seq += 1;
    const endpoint: Endpoint = {
      id: `whe_kit${this.seq}`,
      sellerId,
      status: 'active',
      eventTypes: options.eventTypes ?? [],
      respond: options.respond ?? (() => 200),
      unsafe: options.unsafe ?? false,
    };
    this.endpoints.set(endpoint.id, endpoint);
    return { ...endpoint };
  }

  disable(endpointId: string): void {
    const endpoint = this.endpoints.get(endpointId);
    if (endpoint) endpoint.status = 'disabled';
  }

  /** The active endpoints of a user that take this event type. */
  endpointsFor(userId: string, eventType: string): Endpoint[] {
    return [...this.endpoints.values()].filter(
      (e) =>
        e.sellerId === userId &&
        e.status === 'active' &&
        (e.eventTypes.length === 0 || e.eventTypes.includes(eventType)),
    );
  }

  /** One delivery per endpoint and event: the stored one when it exists. */
  ensureDelivery(endpointId: string, notice: NotifyInput, createdAt: string): Delivery {
    const id = webhookDeliveryId(endpointId, notice.dedupeKey);
    let delivery = this.deliveries.get(id);
    if (!delivery) {
      delivery = {
        id,
        endpointId,
        eventKey: notice.dedupeKey,
        eventType: notice.type,
        payload: { id: webhookEventId(notice.dedupeKey), type: notice.type, createdAt, data: notice.payload },
        status: 'pending',
        attempts: 0,
        received: [],
      };
      this.deliveries.set(id, delivery);
    }
    return this.view(delivery);
  }

  /**
   * One attempt, as activities/seller-webhooks.ts makes it: `gone` (no such delivery), `ended` (it
   * already ended: nothing sent), `disabled`, `refused` (unsafe target), or the receiver's answer.
   */
  attempt(
    deliveryId: string,
    attempt: number,
  ):
    | { outcome: 'gone' | 'disabled' | 'refused' }
    | { outcome: 'ended'; status: Exclude<WebhookDeliveryStatus, 'pending'> }
    | { outcome: 'answered'; statusCode: number } {
    const delivery = this.deliveries.get(deliveryId);
    const endpoint = delivery && this.endpoints.get(delivery.endpointId);
    if (!delivery || !endpoint) return { outcome: 'gone' };
    if (delivery.status !== 'pending') return { outcome: 'ended', status: delivery.status };
    if (endpoint.status !== 'active') {
      this.finish(deliveryId, 'failed', 'endpoint disabled');
      return { outcome: 'disabled' };
    }
    if (endpoint.unsafe) {
      this.log(delivery, { deliveryId, attempt, error: 'refused: unsafe target' }, 'refused');
      return { outcome: 'refused' };
    }
    const statusCode = endpoint.respond(attempt);
    delivery.received.push(structuredClone(delivery.payload));
    const ok = statusCode >= 200 && statusCode < 300;
    this.log(
      delivery,
      { deliveryId, attempt, statusCode, ...(!ok && { error: `HTTP ${statusCode}` }) },
      ok ? 'delivered' : 'pending',
    );
    return { outcome: 'answered', statusCode };
  }

  /** Ends a pending delivery (a no-op once it ended). */
  finish(deliveryId: string, status: Exclude<WebhookDeliveryStatus, 'pending'>, error?: string): void {
    const delivery = this.deliveries.get(deliveryId);
    if (delivery?.status !== 'pending') return;
    delivery.status = status;
    if (error) delivery.lastError = error;
  }

  delivery(deliveryId: string): Delivery | undefined {
    const delivery = this.deliveries.get(deliveryId);
    return delivery && this.view(delivery);
  }

  deliveriesOf(endpointId: string): Delivery[] {
    return [...this.deliveries.values()].filter((d) => d.endpointId === endpointId).map((d) => this.view(d));
  }

  attempts(deliveryId: string): Attempt[] {
    return this.attemptLog.filter((a) => a.deliveryId === deliveryId).map((a) => ({ ...a }));
  }

  private log(delivery: Delivery, attempt: Attempt, status: WebhookDeliveryStatus): void {
    if (!this.attemptLog.some((a) => a.deliveryId === attempt.deliveryId && a.attempt === attempt.attempt))
      this.attemptLog.push(attempt);
    delivery.attempts = Math.max(delivery.attempts, attempt.attempt);
    delivery.lastStatusCode = attempt.statusCode;
    delivery.lastError = attempt.error;
    delivery.status = status;
  }

  private view(delivery: Delivery): Delivery {
    return structuredClone(delivery);
  }
}
