/**
 * The notify activity's email step under real Temporal retries, on the stack's dev server: a test
 * worker on a private task queue runs the REAL activity (real PostgreSQL, Redis and the sandbox's
 * SMTP receiver) wrapped to observe or provoke failures, with the production retry policy.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { eq, inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureInterceptor, toApplicationFailure } from '../../activities/failure-interceptor.js';
import { createActivities } from '../../activities/index.js';
import { emailDeliveries, notifications } from '../../db/schema/index.js';
import { EMAIL_FAILURES } from '../../domain/failures.js';
import type { NotifyInput } from '../../domain/notifications.js';
import { messageIdFor } from '../../email/transport.js';
import { sandboxCarrier, sandboxPayments } from '../support/activities.js';
import { api, stack, testDb, uniqueUser } from '../support/stack.js';
import type { notifyInOrder } from '../support/workflows/notify-in-order.js';

const FROM = 'escrowflow <no-reply@escrowflow.local>';

interface Mail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
}
const mailTo = async (address: string): Promise<Mail[]> =>
  (await fetch(`${stack().sandboxUrl}/_sandbox/mail?to=${encodeURIComponent(address)}`)).json() as Promise<
    Mail[]
  >;

let bundle: WorkflowBundleWithSourceMap;
let native: NativeConnection;
let connection: Connection;
let client: Client;
const { db, close } = testDb();
const redis = new Redis(stack().env.REDIS_URL!);

beforeAll(async () => {
  // The rate-limited attempts fail on purpose: the SDK need not log each one.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const address = stack().env.TEMPORAL_ADDRESS!;
  bundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../support/workflows/notify-in-order.ts', import.meta.url)),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  native = await NativeConnection.connect({ address });
  connection = await Connection.connect({ address });
  client = new Client({ connection });
});

afterAll(async () => {
  redis.disconnect();
  await close();
  await connection?.close();
  await native?.close();
});

/** The real activities with email on, to the stack's SMTP receiver. */
function realActivities(email: { perUserPerWindow: number; windowMs?: number }) {
  return createActivities({
    db,
    redis,
    payments: sandboxPayments(),
    carriers: sandboxCarrier(),
    log: pino({ level: 'silent' }),
    email: { smtpUrl: stack().env.SMTP_URL, from: FROM, linkBaseUrl: 'http://escrowflow.test', ...email },
  });
}

/** Runs notifyInOrder(inputs) on a private queue whose worker serves `notify`; returns its history. */
async function runNotify(notify: (input: NotifyInput) => Promise<void>, inputs: NotifyInput[]) {
  const taskQueue = `email-${randomUUID().slice(0, 8)}`;
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowBundle: bundle,
    activities: { notify },
    interceptors: { activity: [failureInterceptor] },
  });
  const running = worker.run();
  try {
    const handle = await client.workflow.start<typeof notifyInOrder>('notifyInOrder', {
      workflowId: `email-test-${randomUUID()}`,
      taskQueue,
      args: [taskQueue, inputs],
    });
    await handle.result();
    return (await handle.fetchHistory()).events ?? [];
  } finally {
    worker.shutdown();
    await running;
  }
}

/** A fresh user with an email address, set over the API. */
async function userWithEmail(label: string) {
  const user = uniqueUser(label);
  const email = `${user}@example.test`;
  const res = await api('PUT', '/v1/me/notification-preferences', { user, body: { email } });
  expect(res.status).toBe(200);
  return { user, email };
}

const notifyInput = (userId: string, event: string): NotifyInput => {
  const orderId = `ord_${randomUUID().slice(0, 8)}`;
  return {
    dedupeKey: `order-${orderId}:notify:${userId}:${event}`,
    userId,
    type: `order.${event}`,
    orderId,
    payload: { orderId, amount: 2500, currency: 'EUR' },
  };
};

describe('email delivery under Temporal retries', () => {
  it('a notify activity retried after it completed sends its email once', async () => {
    const { user, email } = await userWithEmail('mailee');
    const real = realActivities({ perUserPerWindow: 10 });
    const input = notifyInput(user, 'paid');

    const history = await runNotify(
      async (i) => {
        await real.notify(i);
        // The attempt did all its work, then its completion was lost (a crash, a timeout): retried.
        if (Context.current().info.attempt === 1)
          throw ApplicationFailure.retryable(
            'completion lost after the real activity ran',
            'lost_completion',
          );
      },
      [input],
    );

    const attempts = history.flatMap((e) => e.activityTaskStartedEventAttributes?.attempt ?? []);
    expect(attempts).toEqual([2]); // the history keeps the last attempt's start: it ran twice

    const mail = await mailTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      messageId: messageIdFor(input.dedupeKey, FROM),
      to: [email],
      subject: `Payment received for order ${input.orderId}`,
    });
    expect(mail[0]?.text).toContain(`http://escrowflow.test/v1/orders/${input.orderId}`);

    const rows = await db
      .select()
      .from(emailDeliveries)
      .where(eq(emailDeliveries.notificationKey, input.dedupeKey));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', attempts: 1, toAddress: email, lastError: null });
    expect(rows[0]?.sentAt).toBeInstanceOf(Date);
    const inApp = await db.select().from(notifications).where(eq(notifications.dedupeKey, input.dedupeKey));
    expect(inApp).toHaveLength(1);
  });

  it('a burst over the per-user limit is delayed to the next window, not dropped', async () => {
    const { user, email } = await userWithEmail('bursty');
    const windowMs = 3_000;
    const real = realActivities({ perUserPerWindow: 2, windowMs });
    const inputs = [notifyInput(user, 'paid'), notifyInput(user, 'shipped'), notifyInput(user, 'delivered')];
    const failures: Array<{ key: string; attempt: number; err: unknown }> = [];

    await runNotify(async (i) => {
      try {
        await real.notify(i);
      } catch (err) {
        // As the worker's interceptor reports it to Temporal.
        failures.push({
          key: i.dedupeKey,
          attempt: Context.current().info.attempt,
          err: toApplicationFailure(err),
        });
        throw err;
      }
    }, inputs);

    // The third email of the window failed its attempt, retryable, with a delay to the window's end.
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures.every((f) => f.key === inputs[2]!.dedupeKey)).toBe(true);
    const first = failures[0]!;
    expect(first.attempt).toBe(1);
    expect(first.err).toBeInstanceOf(ApplicationFailure);
    const failure = first.err as ApplicationFailure;
    expect(failure.type).toBe(EMAIL_FAILURES.rateLimited);
    expect(failure.nonRetryable).toBe(false);
    expect(Number(failure.nextRetryDelay)).toBeGreaterThan(0);
    expect(Number(failure.nextRetryDelay)).toBeLessThanOrEqual(windowMs + 25);

    // All three went out, once each; the third only after the first window had closed.
    const mail = await mailTo(email);
    expect(mail.map((m) => m.subject).sort()).toEqual(
      [
        `Order ${inputs[1]!.orderId} has shipped`,
        `Order ${inputs[2]!.orderId} was delivered`,
        `Payment received for order ${inputs[0]!.orderId}`,
      ].sort(),
    );
    const rows = await db
      .select()
      .from(emailDeliveries)
      .where(
        inArray(
          emailDeliveries.notificationKey,
          inputs.map((i) => i.dedupeKey),
        ),
      );
    const byKey = new Map(rows.map((r) => [r.notificationKey, r]));
    for (const input of inputs)
      expect(byKey.get(input.dedupeKey)).toMatchObject({ status: 'sent', attempts: 1 });
    const windowOpened = byKey.get(inputs[0]!.dedupeKey)!.createdAt.getTime();
    expect(byKey.get(inputs[2]!.dedupeKey)!.sentAt!.getTime() - windowOpened).toBeGreaterThanOrEqual(
      windowMs,
    );

    // The in-app notifications were stored once each, retries notwithstanding.
    const inApp = await db
      .select()
      .from(notifications)
      .where(
        inArray(
          notifications.dedupeKey,
          inputs.map((i) => i.dedupeKey),
        ),
      );
    expect(inApp).toHaveLength(3);
  });
});
