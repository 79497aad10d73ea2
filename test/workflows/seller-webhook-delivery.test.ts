/**
 * The seller webhook delivery workflow on the time-skipping server, with its real activities against
 * the run's PostgreSQL and a real HTTP receiver on 127.0.0.1: an endpoint that never answers 2xx is
 * tried 15 times on the production backoff (5 s doubling to 1 h: about 5½ hours, skipped here) and
 * the delivery ends `failed`; a disabled endpoint stops the retries.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDeps } from '../../activities/deps.js';
import { failureInterceptor } from '../../activities/failure-interceptor.js';
import { createSellerWebhookActivities, webhookDeliveryId } from '../../activities/seller-webhooks.js';
import { createDb, type Db } from '../../db/client.js';
import { ensureWebhookDelivery, insertWebhookEndpoint } from '../../db/queries/seller-webhooks.js';
import { ensureUser } from '../../db/queries/users.js';
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../../db/schema/index.js';
import { SELLER_WEBHOOK_RETRY, sellerWebhookDeliveryWorkflowId } from '../../domain/seller-webhooks.js';
import { TASK_QUEUES } from '../../domain/task-queues.js';
import { buildWorkflowBundle } from '../../workers/create-workers.js';
import { sellerWebhookDeliveryWorkflow } from '../../workflows/seller-webhook-delivery.js';
import { stack, uniqueUser } from '../support/stack.js';
import { createTestServer } from '../support/time-skipping.js';

let env: TestWorkflowEnvironment;
let db: Db;
let closeDb: () => Promise<void>;
let workers: Worker[];
let running: Promise<void>[];
let receiver: Server;
let requests = 0;
let receiverUrl: string;

beforeAll(async () => {
  // Failed attempts are this file's subject: the SDK need not log each one.
  Runtime.install({
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
  });
  receiver = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => res.writeHead(503).end('try later'));
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  env = await createTestServer();
  ({ db, close: closeDb } = createDb(stack().env.DATABASE_URL!, { max: 4 }));
  const activities = createSellerWebhookActivities({
    db,
    log: pino({ level: 'silent' }),
    sellerWebhooks: { allowCidrs: ['127.0.0.1/32'], timeoutMs: 2000, retryInitialMs: 5000 },
  } as unknown as ActivityDeps);
  const workflowBundle = await buildWorkflowBundle();
  workers = await Promise.all([
    Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUES.orders, workflowBundle }),
    Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUES.notifications,
      activities,
      interceptors: { activity: [failureInterceptor] },
    }),
  ]);
  running = workers.map((w) => w.run());
});

afterAll(async () => {
  for (const w of workers ?? []) w.shutdown();
  await Promise.all(running ?? []);
  await env?.teardown();
  await closeDb?.();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

async function pendingDelivery(url: string) {
  const sellerId = uniqueUser('seller');
  await ensureUser(db, sellerId, 'buyer');
  const endpoint = await insertWebhookEndpoint(db, {
    id: `whe_${uniqueUser('t')}`,
    sellerId,
    url,
    secret: 'whsec_workflow_test',
    eventTypes: [],
  });
  const eventKey = `test:${uniqueUser('event')}`;
  const delivery = await ensureWebhookDelivery(db, {
    id: webhookDeliveryId(endpoint.id, eventKey),
    endpointId: endpoint.id,
    eventKey,
    eventType: 'order.shipped',
    payload: { id: 'evt_test', type: 'order.shipped', createdAt: new Date().toISOString(), data: {} },
  });
  return { endpoint, delivery };
}

const start = (delivery: { id: string; endpointId: string }, retryInitialMs = 5000) =>
  env.client.workflow.start(sellerWebhookDeliveryWorkflow, {
    taskQueue: TASK_QUEUES.orders,
    workflowId: sellerWebhookDeliveryWorkflowId({ deliveryId: delivery.id }),
    args: [
      {
        deliveryId: delivery.id,
        endpointId: delivery.endpointId,
        eventType: 'order.shipped',
        retryInitialMs,
      },
    ],
  });

describe('seller webhook delivery workflow', () => {
  it('gives up after 15 attempts on the backoff schedule and ends the delivery failed', async () => {
    const { delivery } = await pendingDelivery(receiverUrl);
    const before = requests;
    const handle = await start(delivery);
    expect(await handle.result()).toEqual({ deliveryId: delivery.id, status: 'failed' });

    const attempts = SELLER_WEBHOOK_RETRY.maximumAttempts;
    expect(requests - before).toBe(attempts);
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(row).toMatchObject({ status: 'failed', attempts, lastStatusCode: 503, deliveredAt: null });
    const log = await db
      .select()
      .from(webhookDeliveryAttempts)
      .where(eq(webhookDeliveryAttempts.deliveryId, delivery.id));
    expect(log.map((a) => a.attempt).sort((a, b) => a - b)).toEqual(
      Array.from({ length: attempts }, (_, i) => i + 1),
    );
    expect(new Set(log.map((a) => a.statusCode))).toEqual(new Set([503]));

    // The waits between attempts, on the server's (skipped) clock: 5 s doubling, capped at 1 h.
    const waits = Array.from({ length: attempts - 1 }, (_, i) => Math.min(5 * 2 ** i, 3600));
    const expectedSec = waits.reduce((a, b) => a + b, 0); // 19 515 s, about 5 h 25 min
    const { startTime, closeTime } = await handle.describe();
    const elapsedSec = (closeTime!.getTime() - startTime.getTime()) / 1000;
    expect(elapsedSec).toBeGreaterThanOrEqual(expectedSec);
    expect(elapsedSec).toBeLessThan(expectedSec + 120);
  });

  it('stops retrying once the seller disables the endpoint', async () => {
    const { endpoint, delivery } = await pendingDelivery(receiverUrl);
    const before = requests;
    // A long first backoff on the steady clock: the endpoint is disabled while the workflow waits.
    const handle = await start(delivery, 3600_000);
    await expect
      .poll(
        async () =>
          (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)))[0]!
            .attempts,
      )
      .toBe(1);
    await db.update(webhookEndpoints).set({ status: 'disabled' }).where(eq(webhookEndpoints.id, endpoint.id));
    expect(await handle.result()).toEqual({ deliveryId: delivery.id, status: 'failed' });
    expect(requests - before).toBe(1);
    const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: 'endpoint disabled' });
  });
});
