import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { ChargebackSignal } from '../domain/escrow.js';
import type { Kit, OrderDriver } from '../test/kit/index.js';
import { checkOrder, type UpdateOutcome } from './invariants.js';
import type { OrderFaults } from './order-faults.js';
import { HOUR, type OrderPlan, SIM_TIMERS, type SimEvent } from './schedule.js';

export interface SeedResult {
  seed: number;
  orderId: string;
  status: string | undefined;
  violations: string[];
}

/** Server time the batch runs on after its last event, so every timer of every order comes due. */
const SETTLE_MS = 48 * HOUR;

interface Running {
  plan: OrderPlan;
  order: OrderDriver;
  updates: UpdateOutcome[];
  chargeback?: ChargebackSignal;
}

type Timed = { at: number; run: Running; event: SimEvent | { kind: 'redeliverChargeback' } };

export async function runBatch(
  kit: Kit,
  faults: OrderFaults,
  plans: OrderPlan[],
  bundle: WorkflowBundleWithSourceMap,
): Promise<SeedResult[]> {
  const began = performance.now();
  const start = await kit.clock.now();
  const runs: Running[] = [];
  for (const plan of plans) {
    const order = await startOrder(kit, faults, plan);
    runs.push({ plan, order, updates: [] });
  }
  const timeline: Timed[] = runs.flatMap((run) =>
    run.plan.events.map((event) => ({ at: start + event.at, run, event })),
  );
  for (;;) {
    timeline.sort((a, b) => a.at - b.at || a.run.plan.seed - b.run.plan.seed);
    const next = timeline.shift();
    if (!next) break;
    const now = await kit.clock.now();
    if (process.env.SIM_TRACE)
      console.log(
        `[trace] seed ${next.run.plan.seed} +${next.at - start} ${next.event.kind} (skip ${Math.max(0, next.at - now)})`,
      );
    if (next.at > now) await skip(kit, next.at - now);
    const redelivery = await fire(kit, faults, next.run, next.event);
    if (redelivery !== undefined)
      timeline.push({
        at: (await kit.clock.now()) + redelivery,
        run: next.run,
        event: { kind: 'redeliverChargeback' },
      });
  }
  const fired = performance.now();
  // Every timer comes due; a workflow the test server left waiting on a task gets another round.
  for (let round = 0; round < 3; round++) {
    await skip(kit, SETTLE_MS);
    if (!(await anyRunning(runs.map((r) => r.order)))) break;
  }
  const settled = performance.now();
  const results = await Promise.all(
    runs.map((run) =>
      checkOrder(kit, run.order, run.updates, bundle).then((violations) => ({
        seed: run.plan.seed,
        orderId: run.order.orderId,
        status: kit.orders.status(run.order.orderId),
        violations,
      })),
    ),
  );
  if (process.env.SIM_TIMING)
    console.log(
      `[simulate] batch of ${plans.length}: events ${Math.round(fired - began)} ms, settle ${Math.round(settled - fired)} ms, checks ${Math.round(performance.now() - settled)} ms`,
    );
  return results;
}

async function startOrder(kit: Kit, faults: OrderFaults, plan: OrderPlan): Promise<OrderDriver> {
  const options = {
    amount: plan.order.amount,
    currency: plan.order.currency,
    paymentMethod: plan.order.paymentMethod,
    buyerAgeMs: plan.order.buyerAgeMs,
    timers: SIM_TIMERS,
  };
  const early = plan.events.find((e) => e.kind === 'cancelDuringAuthorize');
  if (!early) return kit.startOrder(options);
  // The cancel arrives while the provider is authorizing: the call is held until the cancel is in.
  const input = await kit.placeOrder(options);
  const gate = faults.hold(input.orderId, 'authorizePayment');
  const order = await kit.start(input);
  await gate.entered;
  const by = early.kind === 'cancelDuringAuthorize' ? early.by : 'buyer';
  await settleQuietly(order.cancelPurchase(by === 'buyer' ? input.buyerId : input.sellerId));
  gate.release();
  return order;
}

/** Fires one event; answers the delay of a chargeback webhook's redelivery, if the event asks for one. */
async function fire(
  kit: Kit,
  faults: OrderFaults,
  run: Running,
  event: Timed['event'],
): Promise<number | undefined> {
  const { order } = run;
  const { input } = order;
  const party = (by: 'buyer' | 'seller') => (by === 'buyer' ? input.buyerId : input.sellerId);
  const track = (kind: string, answer: Promise<unknown>) => trackUpdate(run, kind, answer);
  switch (event.kind) {
    case 'cancelDuringAuthorize':
      return;
    case 'cancelPurchase':
    case 'cancel': {
      // As the API's cancel route: the purchase's cancel while paying, the escrow's once paid.
      const status = kit.orders.status(order.orderId);
      const paying = status === 'pending' || status === 'reserved' || status === 'authorized';
      track(event.kind, paying ? order.cancelPurchase(party(event.by)) : order.cancel(party(event.by)));
      return;
    }
    case 'fraudReview':
      track(event.kind, order.reviewFraud(event.decision));
      return;
    case 'confirmPayment': {
      const intent = kit.provider.intentsOf(order.orderId)[0];
      if (intent?.status !== 'requires_confirmation') return;
      kit.provider.confirm(intent.id, event.status);
      await order.confirmPayment({ intentId: intent.id, status: event.status }).catch(() => undefined);
      return;
    }
    case 'ship': {
      const parcel = { carrier: 'DHL', trackingNumber: `JJD${order.orderId}` };
      faults.parcels.set(parcel.trackingNumber, order.orderId);
      track(event.kind, order.ship(parcel));
      return;
    }
    case 'confirmDelivery':
      track(event.kind, order.confirmDelivery());
      return;
    case 'carrierDelivered': {
      const parcel = { carrier: 'DHL', trackingNumber: `JJD${order.orderId}` };
      const scan = await kit.carrier.scan(parcel, 'delivered');
      await order
        .carrierDelivered({ eventId: scan.id, occurredAt: scan.occurredAt, source: 'webhook' })
        .catch(() => undefined);
      return;
    }
    case 'openDispute':
      track(event.kind, order.openDispute({ reason: event.reason }));
      return;
    case 'disputeEvidence':
      track(event.kind, order.dispute.evidence(party(event.by), `evidence from the ${event.by}`));
      return;
    case 'disputeAccept':
      return decision(kit, run, event.kind, order.dispute.accept());
    case 'disputeResolve': {
      const refundAmount = Math.min(
        input.amount - 1,
        Math.max(1, Math.floor((input.amount * event.splitBps) / 10_000)),
      );
      const resolved = order.dispute.resolve({
        outcome: event.outcome,
        ...(event.outcome === 'split' && { refundAmount }),
      });
      // Refused (a chargeback took the whole payment back, or more than the split refunds), the
      // operator's last word is the one decision always open: the buyer's money back.
      const answer = event.last
        ? resolved.catch(() => order.dispute.resolve({ outcome: 'refund' }))
        : resolved;
      return decision(kit, run, event.kind, answer);
    }
    case 'disputeRefused':
      faults.add(order.orderId, { activity: event.activity, left: 1, afterEffect: false, refused: true });
      return;
    case 'chargeback': {
      if (event.onDecision) return;
      return chargeback(kit, run, event);
    }
    case 'redeliverChargeback':
      if (run.chargeback) await order.chargebackWebhook(run.chargeback);
      return;
    case 'fault':
      faults.add(order.orderId, {
        activity: event.activity,
        left: event.times,
        afterEffect: event.afterEffect,
      });
      return;
  }
}

/**
 * A dispute's decision (an operator's resolve, the seller's accept): a chargeback planned for the
 * moment the dispute closes comes right after its answer, as the dispute workflow completes.
 */
async function decision(
  kit: Kit,
  run: Running,
  kind: string,
  answer: Promise<unknown>,
): Promise<number | undefined> {
  const planned = run.plan.events.find((e) => e.kind === 'chargeback' && e.onDecision);
  if (planned?.kind !== 'chargeback' || run.chargeback) {
    trackUpdate(run, kind, answer);
    return;
  }
  const decided = await answer.then(
    () => true,
    (error: unknown) => {
      run.updates.push({ kind, settled: true, error });
      return false;
    },
  );
  if (decided) run.updates.push({ kind, settled: true });
  return chargeback(kit, run, planned);
}

async function chargeback(
  kit: Kit,
  run: Running,
  event: Extract<SimEvent, { kind: 'chargeback' }>,
): Promise<number | undefined> {
  const intent = kit.provider.intentsOf(run.order.orderId)[0];
  if (!intent) return;
  const left = intent.amountCaptured - intent.amountRefunded - (intent.amountDisputed ?? 0);
  if (left <= 0 || run.chargeback) return;
  const amount = event.bps >= 10_000 ? left : Math.max(1, Math.floor((left * event.bps) / 10_000));
  const taken = await kit.provider.chargeback(intent.id, { amount });
  run.chargeback = { providerEventId: taken.id, reason: taken.reason, amount: taken.amount };
  await run.order.chargebackWebhook(run.chargeback);
  return event.redeliverAfter;
}

function trackUpdate(run: Running, kind: string, answer: Promise<unknown>): void {
  const outcome: UpdateOutcome = { kind, settled: false };
  run.updates.push(outcome);
  answer.then(
    () => Object.assign(outcome, { settled: true }),
    (error: unknown) => Object.assign(outcome, { settled: true, error }),
  );
}

/**
 * Moves the server's clock on by `ms`. The test server stops skipping time while it holds a lock
 * (an outstanding activity, among others) and now and then never releases one it took for a call a
 * workflow left behind: the skip then takes real time. A skip that has not moved for two seconds of
 * real time while no workflow has an activity or a workflow task outstanding releases one such leaked
 * lock. (Released during a workflow task that a loaded machine is slow to finish, the clock would
 * jump past the task's timeout, again at every retry: seed 1044 once hung so under load.)
 */
async function skip(kit: Kit, ms: number): Promise<void> {
  // The test server skips time with workflow tasks in flight: on a loaded machine a slow task would
  // see its 10 s timeout jump by (seeds 823, 1044 hung once so). Let the workers finish theirs first.
  await workflowTasksDone(kit);
  let done = false;
  const skipping = kit.skip(ms).finally(() => {
    done = true;
  });
  for (let waited = 1; !done; waited++) {
    await Promise.race([skipping, new Promise((r) => setTimeout(r, 1_000))]);
    if (done || waited % 2 !== 0 || (await workOutstanding(kit))) continue;
    if (process.env.SIM_TRACE)
      console.log(`[simulate] releasing a leaked time-skipping lock (skip of ${ms} ms)`);
    await kit.env.connection.testService!.unlockTimeSkipping({}).catch(() => undefined);
  }
  await skipping;
}

async function anyRunning(orders: OrderDriver[]): Promise<boolean> {
  for (const order of orders) if ((await order.handle.describe()).status.name === 'RUNNING') return true;
  return false;
}

/** Waits, up to 30 s of real time, until no open workflow has a workflow task outstanding. */
async function workflowTasksDone(kit: Kit): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (!(await workOutstanding(kit, { activities: false }))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function workOutstanding(kit: Kit, count = { activities: true }): Promise<boolean> {
  const namespace = kit.env.namespace ?? 'default';
  const { executions } = await kit.env.connection.workflowService.listOpenWorkflowExecutions({
    namespace,
    maximumPageSize: 1000,
  });
  for (const e of executions) {
    const d = await kit.client.workflow.getHandle(e.execution!.workflowId!, e.execution!.runId!).describe();
    if ((count.activities && d.raw.pendingActivities?.length) || d.raw.pendingWorkflowTask) return true;
  }
  return false;
}

async function settleQuietly(answer: Promise<unknown>): Promise<void> {
  await answer.catch(() => undefined);
}
