/**
 * Activities per task queue: each worker registers only its queue's group (activities/queues.ts), and
 * a workflow's proxy is typed by the queue of its options, so a call on the wrong queue is a type
 * error, not an activity that no worker of that queue runs (or one that skips the provider's limit).
 */
import { describe, expect, it } from 'vitest';
import type { Activities } from '../activities/index.js';
import { ACTIVITY_QUEUES, activitiesFor } from '../activities/queues.js';
import { ALL_TASK_QUEUES } from '../domain/task-queues.js';
import {
  activitiesOn,
  carrierCall,
  databaseStep,
  ledgerStep,
  notificationStep,
  providerCall,
} from './options.js';

// Type-level checks: tsc (in `npm test`) fails if a line below stops being an error.
function wrongQueueCallsDoNotTypeCheck() {
  const carriers = activitiesOn(carrierCall);
  // @ts-expect-error a transfer is a payments call: the carriers queue's workers do not run it
  void carriers.createTransfer;
  const notifications = activitiesOn(notificationStep);
  // @ts-expect-error the ledger is written on the ledger queue (or locally), not by the notifier
  void notifications.postLedger;
  const db = activitiesOn(databaseStep);
  // @ts-expect-error payouts' transfers go through the payments queue and its rate limit
  void db.createTransfer;
  return [activitiesOn(providerCall).createTransfer, activitiesOn(ledgerStep).postLedger, db.setOrderStatus];
}

describe('activities per task queue', () => {
  const all = Object.fromEntries(
    [...new Set(Object.values(ACTIVITY_QUEUES).flat())].map((name) => [name, () => name]),
  ) as unknown as Activities;

  it('every queue has a group, and every group only names activities of the platform', () => {
    expect(Object.keys(ACTIVITY_QUEUES).sort()).toEqual([...ALL_TASK_QUEUES].sort());
    for (const queue of ALL_TASK_QUEUES) {
      const group = activitiesFor(all, queue);
      expect(Object.keys(group).length, queue).toBeGreaterThan(0);
      for (const [name, fn] of Object.entries(group)) expect((fn as () => string)(), queue).toBe(name);
    }
  });

  it('the proxies of the right queues exist (the wrong-queue lines above are type errors)', () => {
    expect(wrongQueueCallsDoNotTypeCheck().map((fn) => typeof fn)).toEqual([
      'function',
      'function',
      'function',
    ]);
  });

  it('a worker of one queue does not register another queue’s activities', () => {
    expect(Object.keys(activitiesFor(all, 'carriers')).sort()).toEqual(['getTracking', 'registerTracker']);
    expect(Object.keys(activitiesFor(all, 'orders'))).not.toContain('createTransfer');
    expect(Object.keys(activitiesFor(all, 'notifications'))).not.toContain('postLedger');
  });
});
