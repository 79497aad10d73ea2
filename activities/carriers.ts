/** Carrier calls (registration, polling) and the record of what the carrier reported. */
import type { CarrierProvider } from '../carriers/provider.js';
import { insertCarrierEvent } from '../db/queries/carrier-events.js';
import type {
  CarrierEventRecord,
  RegisteredTracker,
  RegisterTrackerInput,
  TrackedParcel,
  Tracking,
} from '../domain/carrier.js';
import { ExpectedFailure, OTHER_FAILURE_TYPES } from '../domain/failures.js';
import type { ActivityDeps } from './deps.js';

export function createCarrierActivities({ db, carriers }: ActivityDeps) {
  const carrier = (): CarrierProvider => {
    if (carriers) return carriers;
    // A worker built without a carrier: the workflow logs it and auto-confirmation covers the order.
    throw new ExpectedFailure(OTHER_FAILURE_TYPES.carrierNotConfigured, 'this worker has no carrier');
  };
  return {
    registerTracker: async (input: RegisterTrackerInput): Promise<RegisteredTracker> =>
      carrier().registerTracker(input),
    getTracking: async (parcel: TrackedParcel): Promise<Tracking> => carrier().getTracking(parcel),
    /** Stores a carrier event once by its id; false when it was already there (e.g. the webhook came first). */
    recordCarrierEvent: (event: CarrierEventRecord): Promise<boolean> => insertCarrierEvent(db, event),
  };
}
