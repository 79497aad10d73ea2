/** The workflow test kit (README "Writing workflow tests"): start with `startKit()` or `useKit()`. */

export { DisputeDriver, OrderDriver, PayoutDriver, refusal, until } from './drivers.js';
export { type FailOptions, type Gate, INJECTED_FAULT } from './faults.js';
export { DAY, DEFAULT_TIMERS, HOUR, type OrderOptions } from './fixtures.js';
export type { ActivityCall, KitOptions } from './kit.js';
export { Kit, startKit } from './kit.js';
export {
  DEFAULT_OFFER_TERMS,
  type KitListing,
  OfferDriver,
  type OfferOptions,
  orderOf,
} from './offer-driver.js';
