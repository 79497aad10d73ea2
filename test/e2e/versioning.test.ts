/**
 * Worker Versioning on the dev server (docs/adr/0010-workflow-versioning.md): build A and build B of the
 * worker run side by side in one Worker Deployment, on every task queue. An order placed while A is
 * current is paid on A; B is made current (the operator's CLI command) and A is stopped; the order then
 * ships, is confirmed and completes on B (AUTO_UPGRADE: it moves at its next workflow task, and its
 * activities follow it), while an order placed after the switch runs on B alone. Money adds up: each
 * order captured once, escrow emptied, the seller credited minus the fee, the ledger balanced.
 *
 * On a stack of its own: making a build current routes every task queue of the namespace to it, which
 * must not reach the run's shared stack. That stack's own worker is unversioned and stays running: the
 * histories show it ran none of these orders.
 */
import { Client, Connection } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../api/middleware/auth.js';
import { createEscrowflowClient, describeError } from '../../client/index.js';
import { type Env, parseEnv } from '../../config/env.js';
import { createDb } from '../../db/client.js';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import { type Stack, startStack } from '../../scripts/stack/index.js';
import type { Managed } from '../../scripts/stack/process.js';
import { eventually, uniqueUser } from '../support/stack.js';
import {
  setCurrentVersion,
  startVersionedWorker,
  versioningOf,
  waitUntilVersionPolls,
  workflowRunners,
} from '../support/worker-deployment.js';

const DEPLOYMENT = 'escrowflow';
const A: WorkerDeploymentVersion = { deploymentName: DEPLOYMENT, buildId: 'build-a' };
const B: WorkerDeploymentVersion = { deploymentName: DEPLOYMENT, buildId: 'build-b' };
const AMOUNT = 10_000;

let own: Stack;
let env: Env;
let connection: Connection;
let client: Client;
const workers: Partial<Record<string, { process: Managed; logFile: string }>> = {};

beforeAll(async () => {
  own = await startStack({
    mode: 'test',
    workers: 'combined',
    env: { ...process.env, DISPUTE_WINDOW_MS: '1500', OTEL_SDK_DISABLED: 'true' },
  });
  const parsed = parseEnv(own.env);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  env = parsed.env;
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  for (const version of [A, B]) workers[version.buildId] = startVersionedWorker(own.env, own.logDir, version);
  for (const version of [A, B]) await waitUntilVersionPolls(client, version, workers[version.buildId]!);
}, 300_000);

afterAll(async () => {
  for (const worker of Object.values(workers)) await worker?.process.stop();
  await connection?.close();
  await own?.stop();
}, 120_000);

const sdkFor = (user: string) =>
  createEscrowflowClient({
    baseUrl: own.urls.api,
    token: () => signToken(env.JWT_SECRET, { sub: user, role: 'buyer' }),
    retry: { attempts: 5 },
  });
const byId = (id: string) => ({ params: { path: { id } } });
const pidOf = (buildId: string) => workers[buildId]!.process.child.pid!;

async function currentBuild(): Promise<string | undefined> {
  const { workerDeploymentInfo } = await client.workflowService.describeWorkerDeployment({
    namespace: env.TEMPORAL_NAMESPACE,
    deploymentName: DEPLOYMENT,
  });
  return workerDeploymentInfo?.routingConfig?.currentDeploymentVersion?.buildId ?? undefined;
}

async function placePaidOrder(asBuyer: ReturnType<typeof sdkFor>, listingId: string): Promise<string> {
  const ordered = await asBuyer.POST('/v1/orders', {
    params: { query: { wait: 'payment' } },
    body: { listingId, quantity: 1, paymentMethod: 'pm_card_ok' },
  });
  expect(ordered.data?.status, describeError(ordered.error, ordered.response)).toBe('paid');
  return ordered.data!.id;
}

async function shipAndConfirm(seller: string, buyer: string, orderId: string): Promise<void> {
  const shipped = await sdkFor(seller).POST('/v1/orders/{id}/ship', {
    ...byId(orderId),
    body: { carrier: 'DHL', trackingNumber: `JJD${orderId.slice(-8).replace(/[^A-Za-z0-9]/g, '0')}` },
  });
  expect(shipped.data?.status, describeError(shipped.error, shipped.response)).toBe('shipped');
  const delivered = await sdkFor(buyer).POST('/v1/orders/{id}/confirm-delivery', byId(orderId));
  expect(delivered.data?.status, describeError(delivered.error, delivered.response)).toBe('delivered');
}

describe('Worker Versioning: build A and build B of the worker', () => {
  it('an order paid on A completes after B is made current and A is gone; new orders run on B alone', async () => {
    const seller = uniqueUser('vers_seller');
    const [early, late] = [uniqueUser('vers_buyer'), uniqueUser('vers_buyer')];
    const listed = await sdkFor(seller).POST('/v1/listings', {
      body: { title: 'Versioned lamp', amount: AMOUNT, currency: 'EUR', quantity: 3 },
    });
    expect(listed.response.status, describeError(listed.error, listed.response)).toBe(201);
    const listingId = listed.data!.id;

    // Build A is current: the first order is placed and paid on it.
    await setCurrentVersion({ address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE }, A);
    expect(await currentBuild()).toBe(A.buildId);
    const first = await placePaidOrder(sdkFor(early), listingId);
    const firstWorkflow = purchaseWorkflowId({ orderId: first });
    expect(await versioningOf(client, firstWorkflow)).toEqual({
      behavior: 'VERSIONING_BEHAVIOR_AUTO_UPGRADE',
      buildId: A.buildId,
    });
    expect(new Set((await workflowRunners(client, firstWorkflow)).taskBuilds)).toEqual(new Set([A.buildId]));

    // The deploy: B is made current, then A stops (an AUTO_UPGRADE order needs no old build kept).
    await setCurrentVersion({ address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE }, B);
    expect(await currentBuild()).toBe(B.buildId);
    const second = await placePaidOrder(sdkFor(late), listingId);
    await workers[A.buildId]!.process.stop();

    // Both orders go on to the end, through the API.
    await shipAndConfirm(seller, early, first);
    await shipAndConfirm(seller, late, second);
    for (const [buyer, orderId] of [
      [early, first],
      [late, second],
    ] as const) {
      await eventually(
        async () => (await sdkFor(buyer).GET('/v1/orders/{id}', byId(orderId))).data?.status === 'completed',
        60_000,
      );
    }

    // The first order: its early workflow tasks on A, every one after the switch on B, none failed
    // (B replayed A's history), no task on the stack's unversioned worker; its activities followed it.
    const firstRun = await workflowRunners(client, firstWorkflow);
    const switchedAt = firstRun.taskBuilds.indexOf(B.buildId);
    expect(switchedAt, JSON.stringify(firstRun.taskBuilds)).toBeGreaterThan(0);
    expect(firstRun.taskBuilds).toEqual([
      ...Array(switchedAt).fill(A.buildId),
      ...Array(firstRun.taskBuilds.length - switchedAt).fill(B.buildId),
    ]);
    expect(firstRun.failedTasks).toBe(0);
    const afterSwitch = firstRun.activities.filter((a) => a.eventId > firstRun.firstTaskOf[B.buildId]!);
    expect(afterSwitch.length).toBeGreaterThan(0);
    expect(new Set(afterSwitch.map((a) => a.pid))).toEqual(new Set([pidOf(B.buildId)]));
    expect(new Set(firstRun.activities.map((a) => a.pid))).toEqual(
      new Set([pidOf(A.buildId), pidOf(B.buildId)]),
    );
    expect(await versioningOf(client, firstWorkflow)).toEqual({
      behavior: 'VERSIONING_BEHAVIOR_AUTO_UPGRADE',
      buildId: B.buildId,
    });

    // The second order ran on B alone, activities included.
    const secondRun = await workflowRunners(client, purchaseWorkflowId({ orderId: second }));
    expect(new Set(secondRun.taskBuilds)).toEqual(new Set([B.buildId]));
    expect(secondRun.failedTasks).toBe(0);
    expect(new Set(secondRun.activities.map((a) => a.pid))).toEqual(new Set([pidOf(B.buildId)]));

    // What an operator queries to see which orders last ran on a build (README "Deploying a workflow change").
    for (const orderId of [first, second]) {
      const query = `WorkflowId = "${purchaseWorkflowId({ orderId })}" AND TemporalWorkerDeploymentVersion = "${DEPLOYMENT}:${B.buildId}"`;
      await eventually(async () => (await client.workflow.count(query)).count === 1);
    }

    // Money: each order captured once, its escrow emptied, the seller credited twice minus the fee.
    const effects = (await (await fetch(`${own.urls.sandbox}/_sandbox/effects`)).json()) as {
      byKey: Record<string, number>;
    };
    const { data: balance } = await sdkFor(seller).GET('/v1/sellers/me/balance');
    const fee = (AMOUNT * env.PLATFORM_FEE_BPS) / 10_000;
    expect(balance?.balances[0]).toEqual({
      currency: 'EUR',
      escrow: 0,
      available: 2 * (AMOUNT - fee),
      inTransit: 0,
      paidOut: 0,
    });
    const { db, close } = createDb(env.DATABASE_URL, { max: 2 });
    try {
      for (const orderId of [first, second]) {
        expect(effects.byKey[`${purchaseWorkflowId({ orderId })}:capture`], orderId).toBe(1);
        expect(await accountBalance(db, `escrow:${orderId}`, 'EUR'), orderId).toBe(0n);
      }
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
    } finally {
      await close();
    }
  }, 240_000);
});
