/**
 * staleOrderSweep: run by a Temporal Schedule (every few minutes); expires `pending` orders older than
 * the reservation hold whose `order-<id>` workflow never started, giving their units back
 * (activities/stale-orders.ts; each expiry is one guarded transaction, so a retried step is a no-op).
 */
import { setCurrentDetails } from '@temporalio/workflow';
import type { StaleOrderSweepInput, StaleOrderSweepResult } from '../domain/stale-orders.js';
import { activitiesOn, databaseStep } from './options.js';

const db = activitiesOn(databaseStep);

const DEFAULT_LIMIT = 200;

export async function staleOrderSweepWorkflow({
  holdMs,
  limit = DEFAULT_LIMIT,
}: StaleOrderSweepInput): Promise<StaleOrderSweepResult> {
  const result: StaleOrderSweepResult = { expired: [], withWorkflow: 0 };
  for (const orderId of await db.listStaleOrders({ holdMs, limit })) {
    const outcome = await db.expireStaleOrder({ orderId });
    if (outcome === 'expired') result.expired.push(orderId);
    if (outcome === 'has_workflow') result.withWorkflow++;
  }
  setCurrentDetails(
    `${result.expired.length} order(s) expired · ${result.withWorkflow} left to their workflow`,
  );
  return result;
}
