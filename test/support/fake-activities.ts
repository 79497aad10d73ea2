/**
 * In-memory stand-ins for the platform's activities, for workflow tests that need no PostgreSQL,
 * Redis or sandbox: each records its call and the task queue it ran on, and answers as the real one
 * would (guarded status changes, balanced ledger postings written once per key). A test replaces one
 * with `fakes.on(name, fn)` to refuse or hold it; an activity no fake covers fails at once.
 */
import { activityInfo } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities/index.js';
import { activitiesFor } from '../../activities/queues.js';
import { FAILURE_TYPES, OTHER_FAILURE_TYPES } from '../../domain/failures.js';
import { balanceOf, type LedgerPostInput } from '../../domain/ledger.js';
import type { OrderStatus, SetOrderStatusInput } from '../../domain/order.js';
import { ALL_TASK_QUEUES, TASK_QUEUES } from '../../domain/task-queues.js';
import { startTestServer, workflowBundleOnce } from './time-skipping.js';

export interface ActivityCall {
  name: string;
  /** The task queue whose worker ran it (local activities: the workflow's, `orders`). */
  queue: string;
  local: boolean;
  input: any;
}

type Fake = (input: any) => Promise<unknown>;

export function fakeActivities() {
  const calls: ActivityCall[] = [];
  const orders = new Map<string, OrderStatus>();
  const postings = new Map<string, LedgerPostInput>();
  const replaced = new Map<string, Fake>();

  const setOrderStatus = async ({ orderId, from, to }: SetOrderStatusInput) => {
    const current = orders.get(orderId) ?? 'pending';
    if (current === to) return; // a retry, or a deadline written on the same status
    if (!from.includes(current))
      throw ApplicationFailure.create({
        type: OTHER_FAILURE_TYPES.invalidTransition,
        message: `order ${orderId} is ${current}, not ${from.join('/')}`,
        nonRetryable: true,
      });
    orders.set(orderId, to);
  };
  const postLedger = async (posting: LedgerPostInput) => {
    if ([...balanceOf(posting.lines).values()].some((sum) => sum !== 0n))
      throw ApplicationFailure.create({
        type: FAILURE_TYPES.ledgerUnbalanced,
        message: `posting ${posting.key} does not balance`,
        nonRetryable: true,
      });
    if (postings.has(posting.key)) return { created: false };
    postings.set(posting.key, posting);
    return { created: true };
  };
  const none = async () => undefined;

  const fakes: Record<string, Fake> = {
    reserveInventory: none,
    releaseReservation: none,
    commitReservation: none,
    restockOrder: none,
    screenPurchase: async () => ({ decision: 'allow', reasons: [] }),
    setOrderStatus,
    settlePaid: async ({ ledger, status }) => {
      await postLedger(ledger);
      await setOrderStatus(status);
    },
    postLedger,
    authorizePayment: async ({ orderId }) => ({ intentId: `pi_${orderId}`, status: 'authorized' }),
    capturePayment: none,
    voidAuthorization: none,
    refundPayment: none,
    notify: none,
    openDisputeRecord: none,
    setDisputeStatus: none,
    recordEvidence: none,
    recordDisputeOutcome: async () => 'resolved',
    recordCarrierEvent: async () => true,
    registerTracker: async ({ trackingNumber }) => ({
      trackerId: `trk_${trackingNumber}`,
      status: 'pre_transit',
    }),
    getTracking: async ({ carrier, trackingNumber }) => ({
      carrier,
      trackingNumber,
      status: 'in_transit',
      events: [],
    }),
  };

  const run = (name: string) => async (input: unknown) => {
    const info = activityInfo();
    calls.push({ name, queue: info.taskQueue, local: info.isLocal, input });
    const fake = replaced.get(name) ?? fakes[name];
    if (!fake)
      throw ApplicationFailure.create({ message: `no fake for activity ${name}`, nonRetryable: true });
    return fake(input);
  };
  // Every name answers, so `activitiesFor` registers each queue's whole group.
  const activities = new Proxy({} as Activities, {
    get: (_, name) => (typeof name === 'string' && name !== 'then' ? run(name) : undefined),
  });

  return {
    activities,
    calls,
    /** Replaces one activity's answer (a refusal, a call held until the test releases it). */
    on(name: keyof Activities, fake: Fake) {
      replaced.set(name, fake);
    },
    /** The inputs of every call of `name`, in order. */
    inputsOf(name: keyof Activities): any[] {
      return calls.filter((c) => c.name === name).map((c) => c.input);
    },
    /** The names called, in order, leaving out status changes and notifications. */
    effects(): string[] {
      return calls.map((c) => c.name).filter((n) => n !== 'setOrderStatus' && n !== 'notify');
    },
    statusOf: (orderId: string) => orders.get(orderId),
    /** Sets where an order stands, for a workflow that starts past `pending`. */
    orderIs(orderId: string, status: OrderStatus) {
      orders.set(orderId, status);
    },
    posting: (key: string) => postings.get(key),
    /** An account's balance over every posting written. */
    balance(account: string): bigint {
      let sum = 0n;
      for (const { lines } of postings.values())
        for (const l of lines) if (l.account === account) sum += BigInt(l.amount);
      return sum;
    },
  };
}

export type FakeActivities = ReturnType<typeof fakeActivities>;

/**
 * The Java test server with one worker per task queue, each registering only its queue's group of
 * the fakes (activities/queues.ts), as the real workers do: a call sent to the wrong queue fails.
 */
export async function startFakeTimeSkipping() {
  const env = await startTestServer();
  const fakes = fakeActivities();
  const workflowBundle = await workflowBundleOnce();
  const workers = await Promise.all(
    ALL_TASK_QUEUES.map((taskQueue) =>
      Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        activities: activitiesFor(fakes.activities, taskQueue),
        ...(taskQueue === TASK_QUEUES.orders && { workflowBundle }),
      }),
    ),
  );
  const running = workers.map((w) => w.run());
  return {
    env,
    fakes,
    /** A client whose waits do not skip time (env.client's result() skips for the whole server). */
    steadyClient: new Client({ connection: env.connection, namespace: env.namespace ?? 'default' }),
    async stop() {
      for (const w of workers) w.shutdown();
      await Promise.all(running);
      await env.teardown();
    },
  };
}

export type FakeTimeSkipping = Awaited<ReturnType<typeof startFakeTimeSkipping>>;
