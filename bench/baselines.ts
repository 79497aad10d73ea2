/**
 * The baselines measured beside the platform: (a) the engine alone, a workflow of
 * ENGINE_BASELINE_STEPS no-op activities (what a purchase scheduled until paid when issue 15 was
 * filed, kept so the ratio compares before and after), and (a, shape) the purchase's present shape
 * until paid in no-op steps (bench/baseline-workflow.ts `purchaseShape`: 2 activities, 2 local
 * activities, 2 patch markers, the search-attribute upserts), so a ratio also compares like with like; (b) the
 * purchase's steps in a plain handler without Temporal.
 */
import { join } from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../activities/index.js';
import { signToken } from '../api/middleware/auth.js';
import { createEscrowflowClient, describeError } from '../client/index.js';
import { purchaseWorkflowId } from '../domain/ids.js';
import { createSandboxProvider } from '../payments/sandbox-provider.js';
import { repoRoot } from '../scripts/stack/paths.js';
import { awaitPaymentUpdate } from '../workflows/purchase/messages.js';
import type { ShapeInput } from './baseline-workflow.js';
import type { BenchContext } from './context.js';
import { PRICE } from './options.js';
import { seedListings } from './orders.js';
import { startPlainHandler } from './plain-handler.js';

/** The purchase's present shape until paid, as `purchaseShape` runs it in no-op steps. */
export const PURCHASE_SHAPE = {
  activities: 2,
  localActivities: 2,
  patchMarkers: 2,
  searchAttributeUpserts: 4,
} as const;

/** Baseline (a): a worker in this process running `noopSteps` and `purchaseShape` on a task queue of its own. */
export async function startEngineBaseline(ctx: BenchContext) {
  const { env, client } = ctx;
  const taskQueue = 'bench-engine-baseline';
  const nativeConnection = await NativeConnection.connect(ctx.temporalSettings.native);
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: join(repoRoot, 'bench', 'baseline-workflow.ts'),
    activities: { noop: async () => {} },
    dataConverter: ctx.dataConverter,
    // The same tuning as the platform's worker (workers/create-workers.ts).
    reuseV8Context: true,
    maxConcurrentWorkflowTaskExecutions: 16,
    maxCachedWorkflows: 500,
    maxConcurrentActivityTaskExecutions: 8,
  });
  const running = worker.run();
  let lastIds: string[] = [];
  let lastShapeIds: string[] = [];
  return {
    async run(id: string, steps: number) {
      const workflowId = `bench-noop-${id}`;
      lastIds = [...lastIds.slice(-19), workflowId];
      await client.workflow.execute('noopSteps', { taskQueue, workflowId, args: [steps] });
    },
    /** One `purchaseShape` workflow for order `id`, started and awaited like `run`'s. */
    async runShape(id: string) {
      const workflowId = `bench-shape-${id}`;
      lastShapeIds = [...lastShapeIds.slice(-19), workflowId];
      const input: ShapeInput = {
        orderId: `ord_bench_${id}`,
        listingId: `lst_bench_${id}`,
        buyerId: `bench_shape_buyer_${id}`,
        sellerId: 'bench_shape_seller',
        amount: PRICE,
        currency: 'EUR',
      };
      await client.workflow.execute('purchaseShape', { taskQueue, workflowId, args: [input] });
    },
    lastIds: () => lastIds,
    lastShapeIds: () => lastShapeIds,
    async stop() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
    },
  };
}

export type EngineBaseline = Awaited<ReturnType<typeof startEngineBaseline>>;

/** Baseline (b): the plain handler, on the platform's own activity functions and the stack's sandbox. */
export function startPlainBaseline(ctx: BenchContext) {
  const { db, redis, env, stack } = ctx;
  return startPlainHandler(
    db,
    createActivities({
      db,
      redis,
      payments: createSandboxProvider({
        baseUrl: stack.urls.sandbox,
        apiKey: env.PAYMENTS_API_KEY,
        timeoutMs: 10_000,
      }),
      log: pino({ level: 'silent' }),
      fraudRules: env.FRAUD_RULES,
    }),
  );
}

export type PlainBaseline = Awaited<ReturnType<typeof startPlainBaseline>>;

/** Activities the purchase workflow of one paid order scheduled (read from its history). */
export async function activitiesUntilPaid(ctx: BenchContext): Promise<number> {
  const { pg, db, env, stack } = ctx;
  const [row] = await pg<
    { id: string }[]
  >`select id from orders where status = 'paid' order by created_at desc limit 1`;
  if (!row) {
    // Nothing bought yet: buy one at once and wait for it.
    const listing = (await seedListings(db, [`bench_seller_probe`], 1, true))[0]!;
    const token = await signToken(env.JWT_SECRET, { sub: 'bench_probe_buyer' });
    const sdk = createEscrowflowClient({ baseUrl: stack.urls.api, token });
    const probe = await sdk.POST('/v1/orders', {
      params: { query: { wait: 'payment' } },
      body: { listingId: listing.id, quantity: 1, paymentMethod: 'pm_card_ok' },
    });
    if (!probe.data) throw new Error(`probe order: ${describeError(probe.error, probe.response)}`);
    return countScheduled(ctx, probe.data.id);
  }
  return countScheduled(ctx, row.id);
}

/** Baseline (a)'s workflow length: 2 provider calls and 2 notifications, the purchase of issue 15's filing. */
export const ENGINE_BASELINE_STEPS = 4;

/** Activities the order's workflow scheduled until the order was paid (it then holds the escrow). */
async function countScheduled(ctx: BenchContext, orderId: string): Promise<number> {
  const handle = ctx.client.workflow.getHandle(purchaseWorkflowId({ orderId }));
  // Answers at once for an order already paid, else once it is.
  await handle.executeUpdate(awaitPaymentUpdate).catch(() => {});
  // Paid, the workflow waits for a party: nothing more is scheduled until one acts.
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
}
