/**
 * The carrier boundary. Workflows never see it: activities register a tracker for a shipped parcel
 * (with an idempotency key derived from the workflow id) and poll its tracking as a fallback for the
 * carrier's webhooks. Failures use the provider errors of payments/provider.ts, so the activity failure
 * interceptor (activities/failure-interceptor.ts) classifies them the same way: `ProviderRejectedError` (4xx) is never retried, `ProviderUnavailableError`
 * (timeouts, 5xx, 429) is.
 */
import type { RegisteredTracker, Tracking, TrackingStatus } from '../domain/carrier.js';

export type { Tracking, TrackingStatus };

export interface CarrierProvider {
  readonly name: string;
  /** Asks the carrier to report this parcel's events (by webhook); the same key gives the same tracker. */
  registerTracker(req: {
    carrier: string;
    trackingNumber: string;
    idempotencyKey: string;
  }): Promise<RegisteredTracker>;
  /** The parcel's tracking now; a parcel the carrier does not know is a `ProviderRejectedError` (404). */
  getTracking(req: { carrier: string; trackingNumber: string }): Promise<Tracking>;
}
