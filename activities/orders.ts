import { transitionOrder } from '../db/queries/orders.js';
import type { SetOrderStatusInput } from '../domain/order.js';
import { isFinal } from '../domain/order.js';
import type { ActivityDeps } from './deps.js';
import { typed } from './failures.js';

export function createOrderActivities({ db, log, metrics }: ActivityDeps) {
  return {
    setOrderStatus: typed(async (input: SetOrderStatusInput): Promise<void> => {
      const order = await transitionOrder(db, {
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
          ...(input.escrowWorkflowId && { escrowWorkflowId: input.escrowWorkflowId }),
        },
        data: { ...(input.failureReason && { failureReason: input.failureReason }) },
        ...(input.notify && { notify: input.notify }),
      });
      if (!order.moved) return; // a retry of a step already done
      log.info(
        {
          orderId: input.orderId,
          status: input.to,
          ...(input.failureReason && { reason: input.failureReason }),
        },
        'order status changed',
      );
      if (isFinal(input.to)) metrics?.orderFinal(input.to);
    }),
  };
}
