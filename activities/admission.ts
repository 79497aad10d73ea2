/**
 * The purchase's first step as one local activity: take the stock (a no-op when the API took it with
 * the order row), move the order to `reserved`, screen it for fraud. One activation and one history
 * marker instead of three (issue 27). Each part is idempotent on its own, so a retry after a lost
 * answer or a failed screen redoes nothing: the reservation is unique per order, the move is keyed,
 * and the fraud counters count an order once.
 */
import type { FraudScreenInput, FraudVerdict } from '../domain/fraud.js';
import type { SetOrderStatusInput } from '../domain/order.js';
import type { AdmitOrderInput, ReserveInventoryInput } from '../domain/purchase.js';

/** The three steps it runs, as the inventory, order and fraud activities (or the test kit's fakes). */
export interface AdmissionSteps {
  reserveInventory(input: ReserveInventoryInput): Promise<void>;
  setOrderStatus(input: SetOrderStatusInput): Promise<void>;
  screenPurchase(input: FraudScreenInput): Promise<FraudVerdict>;
}

export function admitOrderWith(steps: AdmissionSteps) {
  return async function admitOrder({ reserve, status, screen }: AdmitOrderInput): Promise<FraudVerdict> {
    await steps.reserveInventory(reserve);
    await steps.setOrderStatus(status);
    return steps.screenPurchase(screen);
  };
}
