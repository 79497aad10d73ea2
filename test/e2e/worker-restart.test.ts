/**
 * A workflow worker restarted in the middle of a purchase, on the real dev server: the new worker
 * replays the history and carries on without repeating the charge already made. The purchase runs
 * on a task queue of this test's own worker (its regular activities still go to the stack's workers;
 * its local ones run in this worker), so the test can stop and replace that worker.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { failureInterceptor } from '../../activities/failure-interceptor.js';
import { accountBalance } from '../../db/queries/ledger.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import { buildWorkflowBundle } from '../../workers/create-workers.js';
import { awaitPaymentUpdate, purchaseStatusQuery, purchaseWorkflow } from '../../workflows/purchase.js';
import { stackActivities } from '../support/activities.js';
import { stackDataConverter } from '../support/codec.js';
import { pendingOrder } from '../support/fixtures.js';
import { eventually, stack, testDb } from '../support/stack.js';

describe('worker restart', () => {
  it('a purchase survives its workflow worker being replaced mid-way, charged once', async () => {
    const address = stack().env.TEMPORAL_ADDRESS!;
    const taskQueue = `orders-restart-${randomUUID().slice(0, 8)}`;
    const workflowBundle = await buildWorkflowBundle();
    const native = await NativeConnection.connect({ address });
    const { db, close } = testDb();
    const redis = new Redis(stack().env.REDIS_URL!);
    const activities = stackActivities(db, redis);
    // The stack's workers encrypt what they return: this worker and client must read it.
    const dataConverter = stackDataConverter();
    const startWorker = async () => {
      const worker = await Worker.create({
        connection: native,
        taskQueue,
        workflowBundle,
        activities,
        dataConverter,
        interceptors: { activity: [failureInterceptor] },
      });
      return { worker, running: worker.run() };
    };
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, dataConverter });
    try {
      // Authorized, then waiting for the buyer's bank (the sandbox confirms by webhook after ~1 s).
      const input = await pendingOrder(db, { paymentMethod: 'pm_card_requires_confirmation' });
      let current = await startWorker();
      const handle = await client.workflow.start(purchaseWorkflow, {
        workflowId: purchaseWorkflowId(input),
        taskQueue,
        args: [input],
      });
      // Authorized: the purchase now waits for the bank's confirmation.
      await eventually(async () => (await handle.query(purchaseStatusQuery)).paymentIntentId);

      current.worker.shutdown();
      await current.running;
      current = await startWorker();

      // Paid: the order's workflow goes on holding the escrow, so the test waits for the payment only.
      expect(await handle.executeUpdate(awaitPaymentUpdate)).toMatchObject({ status: 'paid' });
      current.worker.shutdown();
      await current.running;

      const effects = (await (await fetch(`${stack().sandboxUrl}/_sandbox/effects`)).json()) as {
        byKey: Record<string, number>;
      };
      const ours = Object.entries(effects.byKey).filter(([key]) => key.startsWith(`${handle.workflowId}:`));
      expect(ours.map(([key]) => key.split(':').at(-1)).sort()).toEqual(['authorize', 'capture']);
      expect(ours.every(([, n]) => n === 1)).toBe(true);
      expect(await accountBalance(db, `escrow:${input.orderId}`, 'EUR')).toBe(2500n);
      const history = await handle.fetchHistory();
      const scheduled = history.events?.filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'authorizeOrder',
      );
      expect(scheduled).toHaveLength(1);
    } finally {
      redis.disconnect();
      await close();
      await connection.close();
      await native.close();
    }
  });
});
