/**
 * What must hold once the chaos is over: every order final (in the database and through the API),
 * the outcome its scenario implies, a clean ledger, provider effects equal to the books, each
 * provider effect once, nothing oversold, and every notification a final order implies. The money
 * invariants themselves (per order, escrow, payouts) are in invariants.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type postgres from 'postgres';
import { FINAL_STATUS_OF } from '../domain/dispute.js';
import { escrowWorkflowId, purchaseWorkflowId } from '../domain/ids.js';
import { repoRoot } from '../scripts/stack/paths.js';
import { AT_RESOLUTION } from './chargebacks.js';
import { type ApiClient, idempotencyKey, sleep } from './client.js';
import { intentsByOrder, type ProviderRecords } from './invariants.js';
import { FINAL, type OrderRun, pool } from './load.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

type Sql = ReturnType<typeof postgres>;
interface OrderRow {
  id: string;
  buyer_id: string;
  listing_id: string;
  status: string;
  failure_reason: string | null;
  amount: string;
}

export async function ordersOf(sql: Sql, runId: string): Promise<OrderRow[]> {
  return sql<OrderRow[]>`
    select id, buyer_id, listing_id, status, failure_reason, amount::text from orders
    where buyer_id like ${`${runId}-b%`} order by created_at`;
}

/** Polls the database until every order of the run is final; returns when, or undefined on timeout. */
export async function waitUntilSettled(
  sql: Sql,
  runId: string,
  timeoutMs: number,
  say: (line: string) => void,
): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const rows = await ordersOf(sql, runId);
    const open = rows.filter((r) => !FINAL.includes(r.status));
    if (open.length === 0) return Date.now();
    if (Date.now() > deadline) return undefined;
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      const by = countBy(open.map((r) => r.status));
      say(`settling: ${open.length} of ${rows.length} orders not final yet ${JSON.stringify(by)}`);
    }
    await sleep(1_000);
  }
}

export const countBy = (values: string[]) =>
  values.reduce<Record<string, number>>((acc, v) => {
    acc[v] = (acc[v] ?? 0) + 1;
    return acc;
  }, {});

/**
 * The final state each scenario should end in (hot listings may sell out). A charged-back order ends
 * as the dispute the chargeback opened is settled (load.ts settleChargeback): refunded, or split for a
 * part an operator resolved (odd orders); a chargeback beside a cancel may meet its refund
 * (cancelled); one beside the buyer's confirmation may come as the money is released (completed, the
 * seller's share recovered: the money invariant checks that). A chargeback of the whole payment
 * decides a buyer's open dispute (refunded); a part bounds the operator's decision (at least that much
 * refunded: split or refunded). At a dispute's resolution, a chargeback may come before the money
 * moved (all of it: refunded; a part raises a release to a split) or after (the decided outcome
 * stands). A chargeback the provider refused as `nothing_to_dispute` did not happen: the scenario's
 * own outcome stands.
 */
export function expectedOutcomes(run: OrderRun): string[] {
  if (run.chargeback?.result === 'charged_back') {
    const { moment, part } = run.chargeback;
    const decided = FINAL_STATUS_OF[run.resolution ?? 'refund'];
    if (AT_RESOLUTION.includes(moment)) {
      if (part === 'full') return [...new Set([decided, 'refunded'])];
      return decided === 'completed' ? ['completed', 'split'] : [decided];
    }
    if (moment === 'dispute') return part === 'full' || decided === 'refunded' ? ['refunded'] : ['split'];
    const settled = part === 'partial' && run.index % 2 === 1 ? 'split' : 'refunded';
    if (moment === 'cancel') return ['cancelled', settled];
    if (moment === 'confirm') return [settled, 'completed'];
    return [settled];
  }
  switch (run.scenario) {
    case 'declined':
      return ['failed:payment_declined'];
    case 'capture_fails':
      return ['failed:capture_failed'];
    case 'cancel':
      return ['cancelled'];
    case 'cancel_capture':
      // 202: the cancel came before the capture was sent; 200: after, so the paid order was refunded.
      if (run.cancelAnswer === 202) return ['failed:cancelled'];
      if (run.cancelAnswer === 200) return ['cancelled'];
      return ['cancelled', 'failed:cancelled'];
    case 'hot':
      return ['completed', 'failed:out_of_stock'];
    case 'dispute':
      if (run.disputeMissed) return ['completed'];
      return [{ refund: 'refunded', release: 'completed', split: 'split' }[run.resolution!]];
    default:
      return ['completed'];
  }
}

export function checkFinalStates(rows: OrderRow[], runs: OrderRun[]): Check[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const open = rows.filter((r) => !FINAL.includes(r.status));
  const known = new Set(runs.flatMap((r) => (r.orderId ? [r.orderId] : [])));
  const unknown = rows.filter((r) => !known.has(r.id));
  const unexpected: string[] = [];
  for (const run of runs) {
    if (!run.orderId) continue;
    const row = byId.get(run.orderId);
    if (!row) {
      unexpected.push(`#${run.index} ${run.orderId}: not in the database`);
      continue;
    }
    const outcome = row.status === 'failed' ? `failed:${row.failure_reason}` : row.status;
    if (FINAL.includes(row.status) && !expectedOutcomes(run).includes(outcome))
      unexpected.push(
        `#${run.index} ${run.scenario} ${row.id}: ${outcome}, expected ${expectedOutcomes(run)}`,
      );
  }
  return [
    {
      name: 'every order final (database)',
      ok: open.length === 0,
      detail: open.length ? open.map((r) => `${r.id}=${r.status}`).join(', ') : `${rows.length} orders`,
    },
    {
      name: 'outcome matches the scenario',
      ok: unexpected.length === 0,
      detail: unexpected.length ? unexpected.join('; ') : 'all as planned',
    },
    {
      name: 'no order the client was not told about',
      ok: unknown.length === 0,
      detail: unknown.length ? unknown.map((r) => `${r.id}=${r.status}`).join(', ') : 'none',
    },
  ];
}

/** The API must tell each buyer the same final state as the database. */
export async function checkApiStates(api: ApiClient, rows: OrderRow[]): Promise<Check> {
  const wrong: string[] = [];
  await pool(rows, 10, async (row) => {
    const res = await api.call({ user: row.buyer_id }, (sdk) =>
      sdk.GET('/v1/orders/{id}', { params: { path: { id: row.id } } }),
    );
    if (res.status !== 200 || res.body?.status !== row.status)
      wrong.push(`${row.id}: api ${res.status} ${res.body?.status}, db ${row.status}`);
  });
  return {
    name: 'every order final (API agrees)',
    ok: wrong.length === 0,
    detail: wrong.length ? wrong.join('; ') : `${rows.length} orders read back`,
  };
}

/**
 * Whether the order's buyer keeps the item, as [at least, at most] of 1: an operator's resolution
 * may put it back on sale (restock), a chargeback's settlement never does; at a dispute's resolution
 * the bank's chargeback may come first and decide without the operator's restock, or after it.
 */
export function itemKept(run: OrderRun, status: string): [number, number] {
  if (status === 'completed') return [1, 1];
  if (!['refunded', 'split'].includes(status)) return [0, 0];
  if (!run.restock) return [1, 1];
  const chargeback = run.chargeback?.result === 'charged_back' ? run.chargeback : undefined;
  if (!chargeback) return [0, 0];
  if (AT_RESOLUTION.includes(chargeback.moment)) return [0, 1];
  // A part at an open dispute: the operator still resolves, with the planned restock.
  if (chargeback.moment === 'dispute' && chargeback.part === 'partial') return [0, 0];
  return [1, 1];
}

/**
 * Listings: stock is conserved (available + held + committed = quantity), nothing is held at the end,
 * and what is committed equals the orders that keep their item.
 */
export async function checkInventory(
  sql: Sql,
  runId: string,
  runs: OrderRun[],
): Promise<Check & { oversold: number }> {
  const listings = await sql<
    { id: string; quantity: number; available: number; held: number; committed: number }[]
  >`
    select l.id, l.quantity, l.available,
      coalesce(sum(r.quantity) filter (where r.status = 'held'), 0)::int as held,
      coalesce(sum(r.quantity) filter (where r.status = 'committed'), 0)::int as committed
    from listings l left join inventory_reservations r on r.listing_id = l.id
    where l.seller_id like ${`${runId}-s%`}
    group by l.id`;
  const rows = await ordersOf(sql, runId);
  const statusOf = new Map(rows.map((r) => [r.id, r]));
  const keeps = new Map<string, [number, number]>();
  for (const run of runs) {
    const row = run.orderId ? statusOf.get(run.orderId) : undefined;
    if (!row) continue;
    const [least, most] = itemKept(run, row.status);
    const [l, m] = keeps.get(row.listing_id) ?? [0, 0];
    keeps.set(row.listing_id, [l + least, m + most]);
  }
  const problems: string[] = [];
  let oversold = 0;
  for (const l of listings) {
    if (l.available < 0 || l.committed > l.quantity) oversold += 1;
    if (l.available < 0) problems.push(`${l.id}: available ${l.available}`);
    if (l.available + l.held + l.committed !== l.quantity)
      problems.push(
        `${l.id}: ${l.available} available + ${l.held} held + ${l.committed} sold ≠ ${l.quantity}`,
      );
    if (l.held > 0) problems.push(`${l.id}: ${l.held} still held`);
    const [least, most] = keeps.get(l.id) ?? [0, 0];
    if (l.committed < least || l.committed > most)
      problems.push(
        `${l.id}: ${l.committed} sold, but ${least === most ? least : `${least} to ${most}`} orders keep their item`,
      );
  }
  return {
    name: 'nothing oversold, stock conserved',
    ok: problems.length === 0 && oversold === 0,
    detail: problems.length ? problems.join('; ') : `${listings.length} listings, oversold 0`,
    oversold,
  };
}

/** `npm run ledger:check` as a user runs it: invariants and provider captures − refunds = ledger. */
export async function runLedgerCheck(env: Record<string, string>): Promise<Check & { output: string }> {
  const run = promisify(execFile);
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/ledger-check.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { name: 'ledger:check', ok: true, detail: lastLines(stdout), output: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string; message: string };
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
    return { name: 'ledger:check', ok: false, detail: `exit ${e.code}: ${lastLines(output)}`, output };
  }
}

const lastLines = (text: string) => text.trim().split('\n').slice(-3).join(' | ');

/**
 * The operator's reconciliation over the run: the provider's records against the books. Clean means
 * no mismatch, having compared at least the `expectedOrders` that reached the provider.
 */
export async function runReconciliation(
  api: ApiClient,
  operator: string,
  from: Date,
  expectedOrders: number,
): Promise<Check & { mismatches: number; counts: Record<string, number> }> {
  const res = await api.call({ user: operator, role: 'operator' }, (sdk) =>
    sdk.POST('/v1/ops/reconciliation', {
      headers: idempotencyKey(`chaos-reconcile-${from.getTime()}`),
      body: { from: from.toISOString(), to: new Date(Date.now() + 1_000).toISOString() },
    }),
  );
  if (res.status !== 201 || !res.data) {
    return {
      name: 'reconciliation',
      ok: false,
      detail: `${res.status} ${JSON.stringify(res.body)}`,
      mismatches: -1,
      counts: {},
    };
  }
  const { mismatches, counts } = res.data;
  const compared = counts.orders ?? 0;
  return {
    name: 'reconciliation (provider = ledger)',
    ok: mismatches.length === 0 && compared >= expectedOrders,
    detail: mismatches.length
      ? mismatches.map((m) => JSON.stringify(m)).join('; ')
      : `${compared >= expectedOrders ? 'clean' : `compared only ${compared} of ${expectedOrders} orders`}: ${JSON.stringify(counts)}`,
    mismatches: mismatches.length,
    counts,
  };
}

/**
 * Each provider effect happens once per idempotency key, and each order has the effects its path
 * implies: one capture when paid, a refund when cancelled or refunded in part or in full, unless the
 * cardholder's bank took the money back (a chargeback, which no refund may repeat).
 */
export async function checkProviderEffects(
  sql: Sql,
  runId: string,
  sandboxUrl: string,
  records: ProviderRecords,
): Promise<Check & { doubleEffects: number }> {
  const effects = (await (await fetch(`${sandboxUrl}/_sandbox/effects`)).json()) as {
    byKey: Record<string, number>;
  };
  const rows = await ordersOf(sql, runId);
  const paid = new Set(
    (
      await sql<{ order_id: string }[]>`
        select distinct e.order_id from order_events e join orders o on o.id = e.order_id
        where o.buyer_id like ${`${runId}-b%`} and e.to_status = 'paid'`
    ).map((r) => r.order_id),
  );
  const ours = new Set(rows.map((r) => r.id));
  // Keys are `<workflow id>:<step>`, the workflow id `order-<orderId>` or `escrow-<orderId>`.
  const orderOfKey = (key: string) => key.split(':')[0]!.replace(/^[a-z]+-/, '');
  const keyed = Object.entries(effects.byKey).filter(([key]) => ours.has(orderOfKey(key)));
  const doubles = keyed.filter(([, n]) => n !== 1);
  const has = (key: string) => (effects.byKey[key] ?? 0) > 0;
  const intents = intentsByOrder(records);
  const chargedBack = (orderId: string) =>
    (intents.get(orderId) ?? []).some((i) => (i.amount_disputed ?? 0) > 0);
  const problems = doubles.map(([key, n]) => `${key} ×${n}`);
  for (const row of rows) {
    const order = { orderId: row.id };
    const captured = has(`${purchaseWorkflowId(order)}:capture`);
    if (paid.has(row.id) !== captured)
      problems.push(`${row.id}: paid ${paid.has(row.id)}, captured ${captured}`);
    const refunded =
      has(`${escrowWorkflowId(order)}:refund`) ||
      has(`${escrowWorkflowId(order)}:dispute-refund`) ||
      has(`${purchaseWorkflowId(order)}:refund`);
    const shouldRefund = ['cancelled', 'refunded', 'split'].includes(row.status);
    if (shouldRefund !== refunded && row.status !== 'failed' && !chargedBack(row.id))
      problems.push(`${row.id}: ${row.status}, refund effect ${refunded}`);
  }
  return {
    name: 'provider effects once per key, as the order implies',
    ok: problems.length === 0,
    detail: problems.length ? problems.join('; ') : `${keyed.length} effects, each once`,
    doubleEffects: doubles.length,
  };
}

/**
 * Notifications the order's path implies (workflows/purchase.ts, escrow.ts, dispute.ts): paid/sold,
 * shipped, delivered, disputed and dispute opened/evidence, and the final outcome to both parties
 * (the buyer alone for a failed purchase).
 */
export async function missingNotifications(sql: Sql, runId: string): Promise<string[]> {
  const rows = await sql<
    { id: string; buyer_id: string; seller_id: string; status: string; path: string[]; sent: string[] }[]
  >`
    select o.id, o.buyer_id, o.seller_id, o.status,
      coalesce((select array_agg(distinct e.to_status) from order_events e
        where e.order_id = o.id and e.to_status is not null), '{}') as path,
      coalesce((select array_agg(n.user_id || '/' || n.type) from notifications n
        where n.order_id = o.id), '{}') as sent
    from orders o where o.buyer_id like ${`${runId}-b%`}`;
  const missing: string[] = [];
  for (const o of rows) {
    const both = (type: string) => [`${o.buyer_id}/${type}`, `${o.seller_id}/${type}`];
    const expected: string[] = [];
    const path = new Set(o.path);
    if (path.has('paid')) expected.push(`${o.buyer_id}/order.paid`, `${o.seller_id}/order.sold`);
    if (path.has('shipped')) expected.push(...both('order.shipped'));
    if (path.has('delivered')) expected.push(...both('order.delivered'));
    if (path.has('disputed')) expected.push(...both('order.disputed'), ...both('dispute.opened'));
    if (o.status === 'failed') expected.push(`${o.buyer_id}/order.failed`);
    if (o.status === 'cancelled') expected.push(...both('order.cancelled'));
    if (o.status === 'completed' && !path.has('disputed')) expected.push(...both('order.completed'));
    if (['refunded', 'split', 'completed'].includes(o.status) && path.has('disputed'))
      expected.push(...both('order.dispute_resolved'));
    const sent = new Set(o.sent);
    for (const e of expected) if (!sent.has(e)) missing.push(`${o.id} (${o.status}): ${e}`);
  }
  return missing;
}

export async function checkNotifications(sql: Sql, runId: string, waitMs: number): Promise<Check> {
  // The final notification follows the final status by one activity: give it a moment.
  const deadline = Date.now() + waitMs;
  let missing = await missingNotifications(sql, runId);
  while (missing.length && Date.now() < deadline) {
    await sleep(1_000);
    missing = await missingNotifications(sql, runId);
  }
  const [{ n }] = (await sql`select count(*)::int as n from notifications n join orders o on o.id = n.order_id
    where o.buyer_id like ${`${runId}-b%`}`) as unknown as [{ n: number }];
  return {
    name: 'no lost notifications',
    ok: missing.length === 0,
    detail: missing.length ? missing.join('; ') : `${n} notifications, all expected ones present`,
  };
}

/** For a stuck order: its workflows' state, pending activities and last failures, and its events. */
export async function explainStuck(
  sql: Sql,
  temporalAddress: string,
  orderIds: string[],
  logDir: string,
  dataConverter?: DataConverter,
): Promise<string[]> {
  const lines: string[] = [];
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, dataConverter });
  try {
    for (const orderId of orderIds.slice(0, 10)) {
      const events = await sql<{ type: string; to_status: string | null; created_at: Date }[]>`
        select type, to_status, created_at from order_events where order_id = ${orderId} order by id`;
      lines.push(
        `${orderId}: events ${events.map((e) => `${e.type}@${e.created_at.toISOString()}`).join(' → ')}`,
      );
      for (const workflowId of [
        purchaseWorkflowId({ orderId }),
        escrowWorkflowId({ orderId }),
        `dispute-${orderId}`,
      ]) {
        try {
          const d = await client.workflow.getHandle(workflowId).describe();
          const pending = d.raw.pendingActivities
            ?.map(
              (a) =>
                `${a.activityType?.name} attempt ${a.attempt} ${a.lastFailure?.message ? `(${a.lastFailure.message})` : ''}`,
            )
            .join(', ');
          lines.push(`  ${workflowId}: ${d.status.name}${pending ? `; pending: ${pending}` : ''}`);
        } catch (err) {
          if (!/not found/i.test((err as Error).message))
            lines.push(`  ${workflowId}: ${(err as Error).message}`);
        }
      }
      for (const name of ['worker.log', 'api.log']) {
        const file = join(logDir, name);
        if (!existsSync(file)) continue;
        const mentions = readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.includes(orderId));
        for (const l of mentions.slice(-3)) lines.push(`  ${name}: ${l.slice(0, 400)}`);
      }
    }
  } finally {
    await connection.close();
  }
  return lines;
}

/** The orders of the run's offers and auctions (their sellers are `${runId}-os…` and `${runId}-as…`). */
export async function negotiatedOrdersOf(sql: Sql, runId: string) {
  return sql<{ id: string; listing_id: string; status: string; failure_reason: string | null }[]>`
    select id, listing_id, status, failure_reason from orders
    where seller_id like ${`${runId}-os%`} or seller_id like ${`${runId}-as%`} order by created_at`;
}

/** Polls until every order of the run's offers and auctions is final; returns when, or undefined. */
export async function waitUntilNegotiatedSettled(
  sql: Sql,
  runId: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = (await negotiatedOrdersOf(sql, runId)).filter((r) => !FINAL.includes(r.status));
    if (open.length === 0) return Date.now();
    if (Date.now() > deadline) return undefined;
    await sleep(1_000);
  }
}
