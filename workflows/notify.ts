/** Notifying both parties of an order from a workflow, once per party and event (the dedupe key). */
import { workflowInfo } from '@temporalio/workflow';
import { effectKey } from '../domain/ids.js';
import type { NotifyInput } from '../domain/notifications.js';
import { activitiesOn, notificationStep } from './options.js';

const notifications = activitiesOn(notificationStep);

interface Parties {
  orderId: string;
  buyerId: string;
  sellerId: string;
}

/** The notifications of one event to both parties: sent by activities, or written to the outbox. */
export function partiesNotices(
  order: Parties,
  typePrefix: 'order' | 'dispute',
  scope: string,
  event: string,
  payload: Record<string, unknown>,
): NotifyInput[] {
  return [order.buyerId, order.sellerId].map((userId) => ({
    dedupeKey: effectKey(scope, `notify:${userId}:${event}`),
    userId,
    type: `${typePrefix}.${event}`,
    orderId: order.orderId,
    payload: { orderId: order.orderId, ...payload },
  }));
}

export function partiesNotifier(
  order: Parties,
  typePrefix: 'order' | 'dispute',
  basePayload: Record<string, unknown> = {},
) {
  const scope = workflowInfo().workflowId;
  return (event: string, payload: Record<string, unknown> = {}) =>
    Promise.all(
      partiesNotices(order, typePrefix, scope, event, { ...basePayload, ...payload }).map((notice) =>
        notifications.notify(notice),
      ),
    );
}
