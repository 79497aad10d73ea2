/**
 * The purchase's composite steps: activities that run two or three of the platform's steps in one,
 * so the order's workflow pays one activation and one history event where it paid several (issue 27).
 * Each part is idempotent on its own, so a retry after a lost answer or a failed part redoes nothing.
 *
 * - `admitOrder`, a local activity: take the stock (a no-op when the API took it with the order row)
 *   and move the order to `reserved`, while the fraud screen runs beside them. The reservation is
 *   unique per order, the move is keyed, and the fraud counters count an order once.
 * - `authorizeOrder`, an activity on the workflow's queue: the card's hold, then, when the hold is in
 *   (not waiting for the bank), the move to `authorized` with its intent. The hold's intent is always
 *   answered, even when the move is refused: the workflow must know every hold to void it.
 */
import { ApplicationFailure } from '@temporalio/common';
import { InvalidTransitionError } from '../db/queries/orders.js';
import { OTHER_FAILURE_TYPES } from '../domain/failures.js';
import type { FraudScreenInput, FraudVerdict } from '../domain/fraud.js';
import type { SetOrderStatusInput } from '../domain/order.js';
import type {
  AdmitOrderInput,
  AuthorizeInput,
  AuthorizeOrderInput,
  AuthorizeOrderResult,
  AuthorizeResult,
  ReserveInventoryInput,
} from '../domain/purchase.js';

/** The steps they run, as the inventory, order, fraud and payment activities (or the kit's fakes). */
export interface PurchaseSteps {
  reserveInventory(input: ReserveInventoryInput): Promise<void>;
  setOrderStatus(input: SetOrderStatusInput): Promise<void>;
  screenPurchase(input: FraudScreenInput): Promise<FraudVerdict>;
  authorizePayment(input: AuthorizeInput): Promise<AuthorizeResult>;
}

export function purchaseStepsOf(steps: PurchaseSteps) {
  return {
    async admitOrder({ reserve, status, screen }: AdmitOrderInput): Promise<FraudVerdict> {
      // The screen (the buyer's row, velocity counters in Redis) needs neither the stock nor the
      // move, so it runs beside them; an order the step then refuses counts once, as an attempt.
      const [verdict] = await Promise.all([
        steps.screenPurchase(screen),
        steps.reserveInventory(reserve).then(() => steps.setOrderStatus(status)),
      ]);
      return verdict;
    },
    async authorizeOrder({ authorize, authorized }: AuthorizeOrderInput): Promise<AuthorizeOrderResult> {
      const hold = await steps.authorizePayment(authorize);
      if (hold.status === 'requires_confirmation') return { ...hold, moved: false };
      try {
        await steps.setOrderStatus({ ...authorized, paymentIntentId: hold.intentId });
        return { ...hold, moved: true };
      } catch (err) {
        if (!isRefusedMove(err)) throw err;
        return { ...hold, moved: false, refused: (err as Error).message };
      }
    },
  };
}

export type PurchaseStepName = keyof ReturnType<typeof purchaseStepsOf>;

/** The order was not where the move expected it: the workflow decides, knowing the hold. */
function isRefusedMove(err: unknown): boolean {
  return (
    err instanceof InvalidTransitionError ||
    (err instanceof ApplicationFailure && err.type === OTHER_FAILURE_TYPES.invalidTransition)
  );
}
