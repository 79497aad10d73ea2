/**
 * An in-memory carrier with the sandbox carrier's rules (sandbox/carrier.ts): a tracker per parcel,
 * registered once per idempotency key, scans the test makes (`scan`), tracking reads, and the
 * platform's record of carrier events (stored once by the carrier's event id).
 */
import type { CarrierProvider } from '../../carriers/provider.js';
import type {
  CarrierEventRecord,
  RegisteredTracker,
  TrackedParcel,
  Tracking,
  TrackingEvent,
  TrackingStatus,
} from '../../domain/carrier.js';
import { IdempotencyMismatchError, ProviderRejectedError } from '../../payments/provider.js';
import type { Clock } from './clock.js';

interface Tracker extends Tracking {
  id: string;
}

const parcelKey = ({ carrier, trackingNumber }: TrackedParcel) => JSON.stringify([carrier, trackingNumber]);

export class FakeCarrier implements CarrierProvider {
  readonly name = 'kit';
  private readonly trackers = new Map<string, Tracker>();
  private readonly registrations = new Map<string, string>();
  private readonly recorded = new Map<string, CarrierEventRecord>();
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  async registerTracker(req: TrackedParcel & { idempotencyKey: string }): Promise<RegisteredTracker> {
    const key = parcelKey(req);
    const earlier = this.registrations.get(req.idempotencyKey);
    if (earlier && earlier !== key) throw new IdempotencyMismatchError(req.idempotencyKey);
    this.registrations.set(req.idempotencyKey, key);
    const tracker = this.trackerFor(req);
    return { trackerId: tracker.id, status: tracker.status };
  }

  async getTracking(parcel: TrackedParcel): Promise<Tracking> {
    const tracker = this.trackers.get(parcelKey(parcel));
    if (!tracker) throw new ProviderRejectedError(404, 'resource_missing', 'no such tracker');
    const { id: _, ...tracking } = structuredClone(tracker);
    return tracking;
  }

  /** The carrier scans the parcel (now on the server's clock, unless `occurredAt` says when). */
  async scan(parcel: TrackedParcel, status: TrackingStatus, occurredAt?: string): Promise<TrackingEvent> {
    const tracker = this.trackerFor(parcel);
    this.seq += 1;
    const event = { id: `cev_kit${this.seq}`, status, occurredAt: occurredAt ?? (await this.clock.iso()) };
    tracker.events.push(event);
    tracker.status = status;
    if (status === 'delivered') tracker.deliveredAt = event.occurredAt;
    return { ...event };
  }

  /** The tracker the platform registered for a parcel, if it did. */
  registered(parcel: TrackedParcel): boolean {
    return [...this.registrations.values()].includes(parcelKey(parcel));
  }

  // The platform's `carrier_events` table.

  record(event: CarrierEventRecord): boolean {
    if (this.recorded.has(event.id)) return false;
    this.recorded.set(event.id, structuredClone(event));
    return true;
  }

  events(orderId?: string): CarrierEventRecord[] {
    return [...this.recorded.values()]
      .filter((e) => orderId === undefined || e.orderId === orderId)
      .map((e) => structuredClone(e));
  }

  private trackerFor(parcel: TrackedParcel): Tracker {
    const key = parcelKey(parcel);
    let tracker = this.trackers.get(key);
    if (!tracker) {
      this.seq += 1;
      tracker = {
        id: `trk_kit${this.seq}`,
        carrier: parcel.carrier,
        trackingNumber: parcel.trackingNumber,
        status: 'pre_transit',
        events: [],
      };
      this.trackers.set(key, tracker);
    }
    return tracker;
  }
}
