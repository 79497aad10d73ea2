import { transitionOrder } from '../db/queries/orders.js';
import type { SetOrderStatusInput } from '../domain/purchase.js';
import type { ActivityDeps } from './deps.js';
import { typed } from './failures.js';

export function createOrderActivities({ db }: ActivityDeps) {
  return {
    setOrderStatus: typed(async (input: SetOrderStatusInput): Promise<void> => {
      await transitionOrder(db, {
        orderId: input.orderId,
        from: input.from,
        to: input.to,
        eventKey: input.eventKey,
        set: {
          ...(input.failureReason && { failureReason: input.failureReason }),
          ...(input.paymentIntentId && { paymentIntentId: input.paymentIntentId }),
          ...(input.to === 'paid' && { paidAt: new Date() }),
          ...(input.deadlines && { deadlines: input.deadlines }),
          ...(input.carrier && { carrier: input.carrier, trackingNumber: input.trackingNumber }),
        },
        data: { ...(input.failureReason && { failureReason: input.failureReason }) },
      });
    }),
  };
}
