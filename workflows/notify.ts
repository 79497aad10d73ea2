/** Notifying both parties of an order from a workflow, once per party and event (the dedupe key). */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { effectKey } from '../domain/ids.js';
import { notificationStep } from './options.js';

const notifications = proxyActivities<Activities>(notificationStep);

export function partiesNotifier(
  order: { orderId: string; buyerId: string; sellerId: string },
  typePrefix: 'order' | 'dispute',
  basePayload: Record<string, unknown> = {},
  scope = workflowInfo().workflowId,
) {
  return (event: string, payload: Record<string, unknown> = {}) =>
    Promise.all(
      [order.buyerId, order.sellerId].map((userId) =>
        notifications.notify({
          dedupeKey: effectKey(scope, `notify:${userId}:${event}`),
          userId,
          type: `${typePrefix}.${event}`,
          orderId: order.orderId,
          payload: { orderId: order.orderId, ...basePayload, ...payload },
        }),
      ),
    );
}
