/**
 * Carrier tracking in the platform's language: what a carrier can say about a parcel, and the report
 * of a delivery the escrow workflow takes as the buyer's confirmation. Pure code, no I/O.
 */

export const TRACKING_STATUSES = [
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'unknown',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const isTrackingStatus = (s: unknown): s is TrackingStatus =>
  typeof s === 'string' && (TRACKING_STATUSES as readonly string[]).includes(s);

/** How carrier events reach us: the carrier's signed webhook, or our own poll of its tracking API. */
export type CarrierEventSource = 'webhook' | 'poll';

/** One scan of a parcel as the carrier reports it. */
export interface TrackingEvent {
  id: string;
  status: TrackingStatus;
  /** RFC 3339. */
  occurredAt: string;
}

/** A parcel's tracking as the carrier knows it now. */
export interface Tracking {
  carrier: string;
  trackingNumber: string;
  status: TrackingStatus;
  /** RFC 3339; set once the parcel is delivered. */
  deliveredAt?: string;
  events: TrackingEvent[];
}

export interface TrackedParcel {
  carrier: string;
  trackingNumber: string;
}

/** Inputs of the carrier activities. */
export interface RegisterTrackerInput extends TrackedParcel {
  /** `escrow-<orderId>:tracker`: a retried registration is the same registration. */
  idempotencyKey: string;
}
export interface RegisteredTracker {
  trackerId: string;
  status: TrackingStatus;
}
export interface CarrierEventRecord extends TrackedParcel {
  id: string;
  status: string;
  occurredAt: string;
  orderId: string | null;
  source: CarrierEventSource;
  payload: unknown;
}

/** Signalled to the order's workflow (`order-<orderId>`) when the carrier reports the parcel delivered. */
export interface CarrierDeliveredSignal {
  /** The carrier's event id (the `carrier_events` row). */
  eventId: string;
  occurredAt: string;
  source: CarrierEventSource;
}

/** How often escrow asks the carrier while it waits for delivery, unless a deployment says otherwise. */
export const DEFAULT_CARRIER_POLL_MS = 6 * 3600_000;

/** The delivered event of a tracking, when the carrier has one (the latest, should it report twice). */
export function deliveredEvent(tracking: Tracking): TrackingEvent | undefined {
  return tracking.events.filter((e) => e.status === 'delivered').at(-1);
}
