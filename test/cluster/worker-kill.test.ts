/**
 * Killing one of two worker processes of a task queue mid-run loses no order (issue 9, docs/design.md
 * "Scale"). 40 orders go through the purchase (4 of them declined) and 16 of the paid ones on through
 * ship, confirm and release, while worker processes are SIGKILLed: one of the two `orders` workers
 * (the one running the most escrows, so workflows must move to the other), one `payments` worker
 * mid-purchase, and one `ledger` worker mid-release when the topology has two. Then every order is
 * in its expected state, stock and provider effects add up (each charge once), the ledger balances,
 * and at least one workflow the killed worker ran was carried on by the other one.
 *
 * Runs against the run's stack when it has workers per task queue (the cluster project's, or any
 * run with ESCROWFLOW_WORKERS=orders:2,payments:2,ledger:2,...); with the default combined stack it
 * starts a stack of its own with two processes per queue and two API replicas. It does not pass
 * vacuously: with one `orders` worker (ESCROWFLOW_WORKERS=per-queue) the kill leaves no one to run
 * the workflows and the test fails naming the orders that never finished.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signToken } from '../../api/middleware/auth.js';
import { type Env, parseEnv } from '../../config/env.js';
import { temporalConnectionOptions } from '../../config/temporal-connection.js';
import { createDb } from '../../db/client.js';
import { accountBalance, checkLedger } from '../../db/queries/ledger.js';
import { inventoryReservations, orders as ordersTable } from '../../db/schema/index.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import type { TaskQueue } from '../../domain/task-queues.js';
import { startStack } from '../../scripts/stack/index.js';
import { tokenFor } from '../support/stack.js';

const ORDERS = 40;
const SELLERS = 4;
const STOCK = 12; // per seller's listing: 10 orders each, 2 units always left
const AMOUNT = 2_000;
const RELEASED = 16;
const declined = (i: number) => i % 10 === 9;
const OWN_TOPOLOGY = { orders: 2, payments: 2, ledger: 2, notifications: 2, carriers: 2 } as const;

interface Target {
  apiUrl: string;
  sandboxUrl: string;
  env: Env;
  pids: Record<string, number>;
  /** A buyer's or seller's token as this stack's API takes it. */
  token(user: string): Promise<string>;
  stop(): Promise<void>;
}

let target: Target;

/** The run's stack when it runs workers per queue, else one of our own that does. */
async function stackWithWorkersPerQueue(): Promise<Target> {
  const injected = inject('stack') as ReturnType<typeof inject<'stack'>> | undefined;
  if (injected?.pids && injected.topology.workers !== 'combined') {
    return {
      apiUrl: injected.apiUrl,
      sandboxUrl: injected.sandboxUrl,
      env: envOf(injected.env),
      pids: injected.pids,
      // The run's stack takes its identity provider's tokens (JWKS mode).
      token: (user) => tokenFor(user),
      stop: async () => {},
    };
  }
  const own = await startStack({
    mode: 'test',
    workers: OWN_TOPOLOGY,
    apiReplicas: 2,
    env: {
      ...process.env,
      DISPUTE_WINDOW_MS: '1500',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      OTEL_SDK_DISABLED: 'true',
    },
  });
  return {
    apiUrl: own.urls.api,
    sandboxUrl: own.urls.sandbox,
    env: envOf(own.env),
    pids: Object.fromEntries(
      Object.entries(own.processes).flatMap(([name, p]) => (p?.child.pid ? [[name, p.child.pid]] : [])),
    ),
    token: (user) => signToken(own.env.JWT_SECRET!, { sub: user, role: 'buyer' }),
    stop: () => own.stop(),
  };
}

function envOf(vars: Record<string, string>): Env {
  const parsed = parseEnv(vars);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.env;
}

beforeAll(async () => {
  target = await stackWithWorkersPerQueue();
}, 240_000);
afterAll(async () => {
  await target?.stop();
}, 120_000);

async function call(method: string, path: string, user: string, body?: unknown) {
  const token = await target.token(user);
  const res = await fetch(target.apiUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

const workersOf = (queue: TaskQueue) =>
  Object.keys(target.pids)
    .filter((name) => name.startsWith(`worker-${queue}-`))
    .sort();

async function sigkill(name: string): Promise<void> {
  const pid = target.pids[name];
  if (!pid) throw new Error(`no process ${name}`);
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return; // gone (and reaped by its parent)
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} (pid ${pid}) still there after SIGKILL`);
}

/** The identities (`<pid>@<host>`) that completed workflow tasks of a workflow, in order. */
async function taskIdentities(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const identity = e.workflowTaskCompletedEventAttributes?.identity;
    return identity ? [identity] : [];
  });
}

const pidOf = (identity: string) => Number(identity.split('@')[0]);

describe('a worker process killed mid-run', () => {
  it('loses no order: every order in its expected state, stock, charges and ledger add up', async () => {
    const started = Date.now();
    const ordersWorkers = workersOf('orders');
    const paymentsWorkers = workersOf('payments');
    const ledgerWorkers = workersOf('ledger');
    expect(ordersWorkers.length, 'the stack runs `orders` workers per queue').toBeGreaterThanOrEqual(1);
    expect(paymentsWorkers.length).toBeGreaterThanOrEqual(1);

    const { db, close } = createDb(target.env.DATABASE_URL, { max: 4 });
    const connection = await Connection.connect(temporalConnectionOptions(target.env).client);
    const client = new Client({ connection, namespace: target.env.TEMPORAL_NAMESPACE });
    const killed: Record<string, { pid: number; at: number }> = {};
    try {
      const sellers = Array.from(
        { length: SELLERS },
        (_, i) => `kill_seller${i}_${randomUUID().slice(0, 8)}`,
      );
      const listings = await Promise.all(
        sellers.map(async (seller) => {
          const res = await call('POST', '/v1/listings', seller, {
            title: 'Kill-test lamp',
            amount: AMOUNT,
            currency: 'EUR',
            quantity: STOCK,
          });
          expect(res.status).toBe(201);
          return res.body as { id: string; sellerId: string };
        }),
      );
      const plan = Array.from({ length: ORDERS }, (_, i) => ({
        i,
        buyer: `kill_buyer${i}_${randomUUID().slice(0, 8)}`,
        listing: listings[i % SELLERS]!,
        card: declined(i) ? 'pm_card_declined' : 'pm_card_ok',
      }));
      const paidSoFar = async (ids: string[]) =>
        ids.length === 0
          ? []
          : (await db.select().from(ordersTable).where(inArray(ordersTable.id, ids))).filter(
              (o) => o.status === 'paid',
            );

      // Phase 1: purchases, 4 at a time; early on, the busier `orders` worker and a `payments`
      // worker are killed while most orders are still being placed and paid.
      const placed: string[] = [];
      let victimEscrows: string[] = [];
      let inFlightAtKill = 0;
      const killer = (async () => {
        const deadline = Date.now() + 120_000;
        while (Object.keys(killed).length === 0) {
          if (Date.now() > deadline)
            throw new Error('not even 20 orders paid in 2 minutes: nothing to kill into');
          const paid = await paidSoFar([...placed]);
          // Which orders worker runs the escrows started so far: the one with the most dies, once it
          // has 3, or has one when 8 are paid (so some workflow must move), or at 20 paid regardless.
          const runs = await Promise.all(
            paid.map(async (o) => ({
              orderId: o.id,
              pids: (await taskIdentities(client, purchaseWorkflowId({ orderId: o.id })).catch(() => [])).map(
                pidOf,
              ),
            })),
          );
          const count = (name: string) => runs.filter((r) => r.pids.includes(target.pids[name]!)).length;
          const victim = [...ordersWorkers].sort((a, b) => count(b) - count(a))[0]!;
          if (count(victim) >= 3 || (paid.length >= 8 && count(victim) >= 1) || paid.length >= 20) {
            victimEscrows = runs.filter((r) => r.pids.includes(target.pids[victim]!)).map((r) => r.orderId);
            const settled = (
              await db
                .select()
                .from(ordersTable)
                .where(inArray(ordersTable.id, [...placed]))
            ).filter((o) => ['paid', 'failed'].includes(o.status)).length;
            inFlightAtKill = ORDERS - settled;
            for (const name of [victim, paymentsWorkers[0]!]) {
              await sigkill(name);
              killed[name] = { pid: target.pids[name]!, at: Date.now() - started };
            }
            return;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const responses = await pool(plan, 4, async (p) => {
        const res = await call('POST', '/v1/orders', p.buyer, {
          listingId: p.listing.id,
          quantity: 1,
          paymentMethod: p.card,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(202);
        placed.push(res.body.id);
        return { ...p, orderId: res.body.id as string };
      });
      await killer;
      expect(Object.keys(killed)).toHaveLength(2);
      expect(inFlightAtKill, 'orders not yet paid or failed when the workers died').toBeGreaterThan(0);

      const settle = async (ids: string[], done: (status: string) => boolean, what: string) => {
        const deadline = Date.now() + 180_000;
        let rows: Array<typeof ordersTable.$inferSelect> = [];
        while (Date.now() < deadline) {
          rows = await db.select().from(ordersTable).where(inArray(ordersTable.id, ids));
          if (rows.length === ids.length && rows.every((o) => done(o.status))) return rows;
          await new Promise((r) => setTimeout(r, 250));
        }
        const stuck = ids.filter((id) => !rows.some((o) => o.id === id && done(o.status)));
        throw new Error(
          `${stuck.length} of ${ids.length} orders never ${what}: ${stuck
            .slice(0, 10)
            .map((id) => `${id}=${rows.find((o) => o.id === id)?.status ?? 'no row'}`)
            .join(', ')}; killed ${JSON.stringify(killed)}`,
        );
      };
      const afterPurchase = await settle(
        responses.map((r) => r.orderId),
        (s) => ['paid', 'failed'].includes(s),
        'paid or failed',
      );
      const purchaseMs = Date.now() - started;

      // Phase 2: ship, confirm and release 16 paid orders, those whose escrow ran on the killed
      // worker first (they must move); a `ledger` worker dies on the way when there are two.
      const paidIds = afterPurchase.filter((o) => o.status === 'paid').map((o) => o.id);
      const toRelease = [
        ...victimEscrows.filter((id) => paidIds.includes(id)),
        ...paidIds.filter((id) => !victimEscrows.includes(id)),
      ].slice(0, RELEASED);
      let confirmed = 0;
      await pool(toRelease, 4, async (orderId) => {
        const p = responses.find((r) => r.orderId === orderId)!;
        const shipped = await call('POST', `/v1/orders/${orderId}/ship`, p.listing.sellerId, {
          carrier: 'DHL',
          trackingNumber: `JJD${orderId.slice(-8).replace(/[^A-Za-z0-9]/g, '0')}`,
        });
        expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
        const confirm = await call('POST', `/v1/orders/${orderId}/confirm-delivery`, p.buyer);
        expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
        if (++confirmed === 4 && ledgerWorkers.length >= 2) {
          await sigkill(ledgerWorkers[0]!);
          killed[ledgerWorkers[0]!] = { pid: target.pids[ledgerWorkers[0]!]!, at: Date.now() - started };
        }
      });
      await settle(toRelease, (s) => s === 'completed', 'completed');

      // Every order in its expected state, over the API too.
      const expected = (r: (typeof responses)[number]) =>
        declined(r.i) ? 'failed' : toRelease.includes(r.orderId) ? 'completed' : 'paid';
      const finals = await pool(responses, 8, async (r) => ({
        r,
        order: (await call('GET', `/v1/orders/${r.orderId}`, r.buyer)).body,
      }));
      for (const { r, order } of finals) {
        expect(order.status, r.orderId).toBe(expected(r));
        if (declined(r.i)) expect(order.failureReason).toBe('payment_declined');
      }
      const sold = responses.filter((r) => !declined(r.i));
      expect(sold).toHaveLength(36);

      // Stock: each listing sold exactly its paid orders; nothing held, every sale committed once.
      for (const listing of listings) {
        const res = await call('GET', `/v1/listings/${listing.id}`, listing.sellerId);
        expect(res.body.available, listing.id).toBe(
          STOCK - sold.filter((r) => r.listing.id === listing.id).length,
        );
      }
      const reservations = await db
        .select()
        .from(inventoryReservations)
        .where(
          inArray(
            inventoryReservations.orderId,
            responses.map((r) => r.orderId),
          ),
        );
      expect(reservations.filter((r) => r.status === 'held')).toEqual([]);
      expect(reservations.filter((r) => r.status === 'committed')).toHaveLength(sold.length);

      // The provider charged each paid order exactly once, whatever died mid-call.
      const effects = (await (await fetch(`${target.sandboxUrl}/_sandbox/effects`)).json()) as {
        byKey: Record<string, number>;
      };
      for (const r of sold) {
        const key = purchaseWorkflowId({ orderId: r.orderId });
        expect(effects.byKey[`${key}:authorize`], `${key}:authorize`).toBe(1);
        expect(effects.byKey[`${key}:capture`], `${key}:capture`).toBe(1);
      }

      // Money: the ledger balances; escrow holds the unreleased orders, sellers got the released ones.
      expect(await checkLedger(db)).toEqual({ ok: true, problems: [] });
      for (const r of sold) {
        expect(await accountBalance(db, `escrow:${r.orderId}`, 'EUR'), r.orderId).toBe(
          toRelease.includes(r.orderId) ? 0n : BigInt(AMOUNT),
        );
      }
      const fee = (AMOUNT * target.env.PLATFORM_FEE_BPS) / 10_000;
      for (const seller of sellers) {
        const mine = sold.filter((r) => r.listing.sellerId === seller);
        const balance = (await call('GET', '/v1/sellers/me/balance', seller)).body.balances[0];
        expect(balance, seller).toMatchObject({
          currency: 'EUR',
          escrow: mine.filter((r) => !toRelease.includes(r.orderId)).length * AMOUNT,
          available: mine.filter((r) => toRelease.includes(r.orderId)).length * (AMOUNT - fee),
        });
      }

      // Not vacuous: escrows the killed `orders` worker ran were carried on by the other one.
      const [ordersVictim] = Object.keys(killed).filter((name) => name.startsWith('worker-orders-'));
      const victimPid = killed[ordersVictim!]!.pid;
      const moved = [];
      for (const orderId of toRelease) {
        const pids = (await taskIdentities(client, purchaseWorkflowId({ orderId }))).map(pidOf);
        const first = pids.indexOf(victimPid);
        if (first >= 0 && pids.slice(first + 1).some((pid) => pid !== victimPid)) moved.push(orderId);
      }
      expect(moved.length, 'escrows moved from the killed orders worker to the other').toBeGreaterThan(0);

      console.log(
        `[worker-kill] orders=${ORDERS} paid=${sold.length} released=${toRelease.length} killed=${JSON.stringify(
          killed,
        )} inFlightAtKill=${inFlightAtKill} victimEscrows=${victimEscrows.length} escrowsMoved=${moved.length} purchasesSettledMs=${purchaseMs} totalMs=${Date.now() - started}`,
      );
    } finally {
      await connection.close();
      await close();
    }
  }, 420_000);
});
