/**
 * `npm run chaos [-- --orders 200 --concurrency 10 --interval 8000 --seed 7 --settle 240000
 * --offers 40 --auctions 10]`: a private stack, a few hundred orders through the whole lifecycle,
 * offers negotiated to every end and short auctions bid on and ended (offers.ts, auctions.ts) over
 * HTTP while the worker is
 * killed, Temporal and Redis restart, PostgreSQL connections are cut, the provider fails ~30% of
 * writes and cardholders charge back a seeded share of the orders, all the payment or a part, at
 * chosen moments (a dispute's resolution among them); then the
 * sellers cash out and every promise of docs/design.md is checked, the money invariants of invariants.ts
 * among them. Figures go to stdout and chaos/latest.json; the exit code is 1 when any check fails or
 * the platform needed help to recover.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { dataConverterFor } from '../codec/data-converter.js';
import { loadEnv } from '../config/env.js';
import { type Stack, startStack } from '../scripts/stack/index.js';
import { checkAuctions } from './auction-checks.js';
import { type AuctionRun, CHAOS_SOFT_CLOSE_MS, createAuctionLoad, planAuctions } from './auctions.js';
import { AT_RESOLUTION, Bank } from './chargebacks.js';
import {
  type Check,
  checkApiStates,
  checkFinalStates,
  checkInventory,
  checkNotifications,
  checkProviderEffects,
  countBy,
  explainStuck,
  negotiatedOrdersOf,
  ordersOf,
  runLedgerCheck,
  runReconciliation,
  waitUntilNegotiatedSettled,
  waitUntilSettled,
} from './checks.js';
import { ApiClient } from './client.js';
import { Chaos } from './faults.js';
import {
  checkEscrowEmpty,
  checkMoneyConserved,
  checkPayoutsSettled,
  intentsByOrder,
  providerRecords,
  waitUntilMoneyBooked,
} from './invariants.js';
import { createLoad, FINAL, type OrderRun, planLoad, pool } from './load.js';
import { apiErrorsSeen, providerFaultsSeen } from './logs.js';
import { checkOffers, negotiatedOrderProblems } from './offer-checks.js';
import { createOfferLoad, type OfferRun, planOffers } from './offers.js';
import { payOutSellers } from './payouts.js';
import { PROVIDER_FAULTS, setProviderFaults } from './provider-faults.js';
import { type Figures, printFigures, writeFigures } from './report.js';

const { values: flags } = parseArgs({
  options: {
    orders: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '10' },
    interval: { type: 'string', default: '8000' },
    seed: { type: 'string', default: '7' },
    settle: { type: 'string', default: '240000' },
    // Defaults scale with --orders: a fifth as many offer cases, a twentieth as many auctions.
    offers: { type: 'string' },
    auctions: { type: 'string' },
  },
});
const options = {
  orders: Number(flags.orders),
  concurrency: Number(flags.concurrency),
  intervalMs: Number(flags.interval),
  seed: Number(flags.seed),
  offers: Number(flags.offers ?? Math.max(11, Math.round(Number(flags.orders) / 5))),
  auctions: Number(flags.auctions ?? Math.max(5, Math.round(Number(flags.orders) / 20))),
};
const settleTimeoutMs = Number(flags.settle);
for (const [name, value] of Object.entries({ ...options, settle: settleTimeoutMs })) {
  if (!Number.isFinite(value) || value < (['seed', 'offers', 'auctions'].includes(name) ? 0 : 1)) {
    console.error(`--${name === 'intervalMs' ? 'interval' : name} must be a positive number`);
    process.exit(2);
  }
}

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s`;
const say = (line: string) => console.log(`[chaos ${elapsed()}] ${line}`);

// startStack hands only a few named variables of `env` to the app processes, which inherit this
// process's environment: set them here too, so the rate limits reach the API.
const settings = {
  LOG_LEVEL: 'warn',
  DISPUTE_WINDOW_MS: '1500',
  RATE_LIMIT_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_USER_PER_MINUTE: '1000000',
  JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(24).toString('hex'),
  // Offers expire and auctions close within the run (offers.ts, auctions.ts).
  OFFER_TTL_MS: '25000',
  AUCTION_SOFT_CLOSE_MS: String(CHAOS_SOFT_CLOSE_MS),
};
Object.assign(process.env, settings);

const runId = `chaos${Date.now().toString(36)}`;
// Test runs prune old run directories (newest three kept): the logs are copied here at the end.
const logsKept = join(tmpdir(), 'escrowflow-chaos', runId);
const operator = `${runId}-ops`;
let stack: Stack | undefined;
let chaos: Chaos | undefined;
let sql: ReturnType<typeof postgres> | undefined;

process.once('SIGINT', () => {
  chaos?.stop();
  void (stack?.stop() ?? Promise.resolve()).then(() => process.exit(130));
});

let ok = false;
try {
  say(
    `starting a private stack (run ${runId}, ${options.orders} orders, ${options.offers} offer cases, ${options.auctions} auctions)`,
  );
  stack = await startStack({ mode: 'test', env: { ...process.env, ...settings }, log: say });
  const stackStartMs = Date.now() - t0;
  say(`stack up in ${stackStartMs} ms; logs in ${stack.logDir}`);
  const runStarted = new Date(Date.now() - 1_000);
  await setProviderFaults(stack.urls.sandbox, PROVIDER_FAULTS);

  const api = new ApiClient(stack.urls.api, stack.env.JWT_SECRET!);
  chaos = new Chaos(stack, say);
  sql = postgres(stack.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
  const bank = new Bank(sql, stack.urls.sandbox, options.seed);
  const plan = planLoad(runId, options.orders, options.seed);
  const load = createLoad(api, runId, operator, bank);
  const listings = await load.createListings(plan.listings);
  const runs: OrderRun[] = plan.orders.map((o) => ({ ...o, alreadyDone: [], notes: [] }));
  const offerPlan = planOffers(runId, options.offers, options.seed);
  const offerRuns: OfferRun[] = offerPlan.cases.map((c) => ({
    ...c,
    offerIds: [],
    ended: [],
    orders: [],
    notes: [],
  }));
  const auctionPlan = planAuctions(runId, options.auctions, options.seed);
  const auctionRuns: AuctionRun[] = auctionPlan.cases.map((c) => ({
    ...c,
    accepted: 0,
    closedRefusals: 0,
    lowRefusals: 0,
    notes: [],
  }));
  const sellers = [...plan.sellers, ...offerPlan.sellers, ...auctionPlan.sellers];
  const offerLoad = createOfferLoad(api, runId, load.follow);
  const auctionLoad = createAuctionLoad(api, runId, load.follow, () => chaos!.inject('workerKill'));

  // The load and the chaos side by side; the chaos stops once every order had its last action.
  const loadStarted = Date.now();
  let driven = 0;
  let loadDone = false;
  const progress = setInterval(
    () => say(`load: ${driven}/${runs.length} orders driven, ${api.totalRetries} client retries`),
    15_000,
  );
  // Offers and auctions beside the purchases, a few at a time: auctions two by two, so their ends
  // spread over the load.
  const driving = Promise.all([
    pool(runs, options.concurrency, async (run) => {
      try {
        await load.drive(run, listings.get(run.listing)!.id);
      } catch (err) {
        run.error = (err as Error).message;
        say(`order #${run.index} (${run.scenario}, ${run.orderId ?? 'no id'}): ${run.error}`);
      }
      driven += 1;
    }),
    pool(offerRuns, 3, async (run) => {
      try {
        await offerLoad.drive(run);
      } catch (err) {
        run.error = (err as Error).message;
        say(`offer case #${run.index} (${run.scenario}): ${run.error}`);
      }
    }),
    pool(auctionRuns, 2, async (run) => {
      try {
        await auctionLoad.drive(run);
      } catch (err) {
        run.error = (err as Error).message;
        say(`auction #${run.index} (${run.scenario}, ${run.listingId ?? 'not listed'}): ${run.error}`);
      }
    }),
  ]).finally(() => {
    loadDone = true;
    clearInterval(progress);
  });
  await Promise.all([driving, chaos.run(() => loadDone, options.intervalMs)]);
  const loadMs = Date.now() - loadStarted;
  say(`load done in ${loadMs} ms; chaos stopped after ${chaos.events.length} faults; settling`);

  const purchasesSettledAt = await waitUntilSettled(sql, runId, settleTimeoutMs, say);
  const negotiatedSettledAt = await waitUntilNegotiatedSettled(sql, runId, 60_000);
  const settledAt =
    purchasesSettledAt === undefined || negotiatedSettledAt === undefined
      ? undefined
      : Math.max(purchasesSettledAt, negotiatedSettledAt);
  const settleAfterLastFault = settledAt === undefined ? null : settledAt - chaos.lastFaultAt;
  // Before the sellers cash out: a chargeback after an order's end takes the seller's share back.
  const finalIds = [
    ...(await ordersOf(sql, runId)).map((r) => r.id),
    ...(await negotiatedOrdersOf(sql, runId)).map((r) => r.id),
  ];
  const bookedAfterMs = await waitUntilMoneyBooked(sql, finalIds, stack.urls.sandbox, 120_000);
  say(
    bookedAfterMs === undefined
      ? 'money still not booked 120 s after the orders settled (the money check will say where)'
      : `every chargeback booked ${bookedAfterMs} ms after the orders settled`,
  );
  // The sellers cash out while the provider still misbehaves.
  say(`paying out ${sellers.length} sellers`);
  const payouts = await payOutSellers(api, stack.urls.sandbox, runId, sellers, 240_000);
  say(
    `payouts: ${JSON.stringify(payouts.byStatus)} in ${payouts.ms} ms, skipped ${JSON.stringify(payouts.skipped)}`,
  );
  await setProviderFaults(stack.urls.sandbox, {
    errorRate: 0,
    lostResponseRate: 0,
    duplicateWebhooks: false,
    outOfOrderWebhooks: false,
  });

  const rows = await ordersOf(sql, runId);
  const checks: Check[] = [...checkFinalStates(rows, runs)];
  checks.push(await checkApiStates(api, rows));
  const inventory = await checkInventory(sql, runId, runs);
  checks.push(inventory);
  const records = await providerRecords(stack.urls.sandbox);
  const orderIds = rows.map((r) => r.id);
  // The money rules hold for the orders of offers and auctions too.
  const negotiated = await negotiatedOrdersOf(sql, runId);
  const moneyIds = [...orderIds, ...negotiated.map((r) => r.id)];
  const money = await checkMoneyConserved(sql, moneyIds, records);
  checks.push(money);
  checks.push(await checkEscrowEmpty(sql, moneyIds));
  checks.push(...(await checkOffers(sql, runId, offerRuns, records, stack.urls.sandbox)));
  const auctions = await checkAuctions(sql, runId, auctionRuns);
  checks.push(auctions.check);
  const negotiatedProblems = negotiatedOrderProblems(negotiated);
  checks.push({
    name: 'orders of offers and auctions final and completed (a declined winner’s order failed)',
    ok: negotiatedProblems.length === 0,
    detail: negotiatedProblems.length
      ? negotiatedProblems.join('; ')
      : `${negotiated.length} orders ${JSON.stringify(countBy(negotiated.map((r) => r.status)))}`,
  });
  const payoutsSettled = await checkPayoutsSettled(sql, sellers, records);
  checks.push(payoutsSettled);
  const ledger = await runLedgerCheck(stack.env);
  checks.push(ledger);
  const paidAtProvider = orderIds.filter((id) => intentsByOrder(records).has(id)).length;
  const reconciliation = await runReconciliation(api, operator, runStarted, paidAtProvider);
  checks.push(reconciliation);
  const effects = await checkProviderEffects(sql, runId, stack.urls.sandbox, records);
  checks.push(effects);
  const notifications = await checkNotifications(sql, runId, 30_000);
  checks.push(notifications);

  const negotiatedRuns = [
    ...offerRuns.flatMap((r) => r.orders),
    ...auctionRuns.flatMap((r) => (r.order ? [r.order] : [])),
  ];
  const findings = [
    ...chaos.findings,
    ...[...runs, ...negotiatedRuns].flatMap((r) =>
      r.notes.map((n) => `order #${r.index} ${r.orderId}: ${n}`),
    ),
    ...offerRuns.flatMap((r) => r.notes.map((n) => `offer case #${r.index} ${r.scenario}: ${n}`)),
    ...auctionRuns.flatMap((r) => r.notes.map((n) => `auction #${r.index} ${r.listingId}: ${n}`)),
    ...payouts.unsettled.map((p) => `payout ${p} not paid nor failed 240 s after it was asked for`),
  ];
  const stuck = rows.filter((r) => !FINAL.includes(r.status)).map((r) => r.id);
  if (stuck.length) {
    findings.push(`${stuck.length} orders not final ${settleTimeoutMs / 1000} s after the load:`);
    const { CODEC_KEYS } = loadEnv({ ...process.env, ...stack.env });
    findings.push(
      ...(await explainStuck(
        sql,
        stack.env.TEMPORAL_ADDRESS!,
        stuck,
        stack.logDir,
        dataConverterFor(CODEC_KEYS),
      )),
    );
  }
  const driverErrors = [...runs, ...negotiatedRuns].flatMap((r) =>
    r.error ? [`#${r.index} ${r.scenario} ${r.orderId ?? ''}: ${r.error}`] : [],
  );
  const offerErrors = offerRuns.flatMap((r) =>
    r.error ? [`offer case #${r.index} ${r.scenario}: ${r.error}`] : [],
  );
  const auctionErrors = auctionRuns.flatMap((r) =>
    r.error ? [`auction #${r.index} ${r.scenario} ${r.listingId ?? ''}: ${r.error}`] : [],
  );
  const figures: Figures = {
    runId,
    startedAt: new Date(t0).toISOString(),
    options,
    orders: {
      planned: runs.length,
      created: rows.length,
      rejectedAtCreate: countBy(runs.flatMap((r) => (r.rejected ? [r.rejected] : []))),
      byFinalState: countBy(
        rows.map((r) => (r.status === 'failed' ? `failed:${r.failure_reason}` : r.status)),
      ),
      byScenario: countBy(runs.map((r) => r.scenario)),
      notFinal: stuck.length,
      disputesOpened: runs.filter((r) => r.disputeId).length,
      cancelDuringCapture: cancelDuringCapture(runs, rows),
      disputeWindowMissed: runs.filter((r) => r.disputeMissed).length,
      answersLostButDone: runs.reduce((n, r) => n + r.alreadyDone.length, 0),
      driverErrors,
    },
    chargebacks: chargebackFigures(runs, rows, bank),
    offers: offerFigures(offerRuns, offerErrors),
    auctions: auctionFigures(auctionRuns, auctions.byResult, auctionErrors),
    negotiatedOrders: countBy(
      negotiated.map((r) => (r.status === 'failed' ? `failed:${r.failure_reason}` : r.status)),
    ),
    payouts: { ...payouts, invariant: payoutsSettled.ok ? 'ok' : 'FAILED' },
    faults: {
      workerKills: chaos.counts.workerKill,
      workerKillsAtAuctionEnds: auctionRuns.filter((r) => r.killedAtEnd).length,
      temporalRestarts: chaos.counts.temporalRestart,
      pgTerminations: chaos.counts.pgTerminate,
      redisRestarts: chaos.counts.redisRestart,
      providerFaultsSeen: providerFaultsSeen(stack.logDir),
      providerFaultConfig: PROVIDER_FAULTS,
      unplannedRestarts: chaos.revived as Record<string, number>,
      apiReadyAfterTemporalRestartMs: chaos.apiReadyAfterTemporalMs,
    },
    apiErrors: apiErrorsSeen(stack.logDir),
    clientRetries: { ...api.retries, total: api.totalRetries },
    durationMs: {
      total: Date.now() - t0,
      stackStart: stackStartMs,
      load: loadMs,
      settleAfterLastFault,
    },
    ledgerCheck: ledger.ok ? 'ok' : `FAILED (${ledger.detail})`,
    reconciliationMismatches: reconciliation.mismatches,
    notifications: notifications.ok ? 'ok, none lost' : `FAILED (${notifications.detail.slice(0, 200)})`,
    oversold: inventory.oversold,
    doubleProviderEffects: effects.doubleEffects,
    checks,
    findings,
    logDir: stack.logDir,
    logsKept,
    ok:
      checks.every((c) => c.ok) &&
      findings.length === 0 &&
      driverErrors.length + offerErrors.length + auctionErrors.length === 0,
  };
  ok = figures.ok;
  printFigures(figures);
  say(`figures written to ${writeFigures(figures)}`);
} catch (err) {
  say(`run failed: ${(err as Error).stack ?? err}`);
} finally {
  chaos?.stop();
  await sql?.end({ timeout: 2 });
  if (stack) {
    keepServerLogs(stack.logDir);
    await stack.stop();
    cpSync(stack.logDir, logsKept, { recursive: true });
    say(`logs kept in ${logsKept}`);
  }
}
process.exit(ok ? 0 : 1);

type Row = Awaited<ReturnType<typeof ordersOf>>[number];
function outcomeOf(row: Row | undefined): string {
  if (!row) return 'no order';
  return row.status === 'failed' ? `failed:${row.failure_reason}` : row.status;
}

/**
 * Chargebacks: planned, injected (all or a part, at a dispute's resolution), refused as nothing to
 * dispute, and what became of them.
 */
function chargebackFigures(runs: OrderRun[], rows: Row[], bank: Bank) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const planned = runs.filter((r) => r.chargebackAt);
  const events = bank.events;
  const injected = events.filter((e) => e.result === 'charged_back');
  return {
    planned: planned.length,
    plannedByMoment: countBy(planned.map((r) => r.chargebackAt!)),
    injected: injected.length,
    full: injected.filter((e) => e.part === 'full').length,
    partial: injected.filter((e) => e.part === 'partial').length,
    atResolution: injected.filter((e) => AT_RESOLUTION.includes(e.moment)).length,
    nothingToDispute: events.filter((e) => e.result === 'nothing_to_dispute').length,
    // Planned, but the order never got there (sold out, declined, dispute window missed).
    notReached: planned.filter((r) => !r.chargeback).length,
    byMomentAndOutcome: countBy(
      runs.flatMap((r) =>
        r.chargeback
          ? [
              `${r.chargeback.moment} ${r.chargeback.part}: ${r.chargeback.result} → ${outcomeOf(byId.get(r.orderId!))}`,
            ]
          : [],
      ),
    ),
    minorUnitsTakenBack: events.reduce((sum, e) => sum + (e.amount ?? 0), 0),
  };
}

/** Offer cases by scenario, offers by how they ended, and what the chaos did to them. */
function offerFigures(offerRuns: OfferRun[], errors: string[]) {
  return {
    cases: offerRuns.length,
    made: offerRuns.reduce((n, r) => n + r.offerIds.length, 0),
    byScenario: countBy(offerRuns.map((r) => r.scenario)),
    byStatus: countBy(offerRuns.flatMap((r) => r.ended)),
    ordersPlaced: offerRuns.reduce((n, r) => n + r.orders.length, 0),
    expiredBeforeMove: offerRuns.filter((r) => r.expiredBeforeMove).length,
    driverErrors: errors,
  };
}

/** Auctions by scenario and outcome, their bids, soft-close extensions and kills at the end. */
function auctionFigures(auctionRuns: AuctionRun[], byResult: Record<string, number>, errors: string[]) {
  return {
    planned: auctionRuns.length,
    listed: auctionRuns.filter((r) => r.listingId).length,
    byResult,
    byScenarioAndOutcome: countBy(
      auctionRuns.map((r) => {
        const attempt = r.outcome?.orderId?.endsWith('_2') ? ' (second chance)' : '';
        return `${r.scenario} → ${r.outcome?.result ?? 'not settled'}${attempt}`;
      }),
    ),
    bidsAccepted: auctionRuns.reduce((n, r) => n + r.accepted, 0),
    bidsRefusedClosed: auctionRuns.reduce((n, r) => n + r.closedRefusals, 0),
    bidsRefusedLow: auctionRuns.reduce((n, r) => n + r.lowRefusals, 0),
    extendedBySoftClose: auctionRuns.filter((r) => r.extended).length,
    workerKilledAtEnd: auctionRuns.filter((r) => r.killedAtEnd).length,
    driverErrors: errors,
  };
}

/** cancel_capture orders: when the buyer cancelled, what the API answered, and how each ended. */
function cancelDuringCapture(runs: OrderRun[], rows: Row[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const mine = runs.filter((r) => r.scenario === 'cancel_capture' && r.orderId);
  return {
    orders: mine.length,
    cancelledWhen: countBy(mine.map((r) => r.cancelledWhen ?? 'never')),
    byAnswerAndOutcome: countBy(
      mine.map((r) => `${r.cancelAnswer ?? 'none'} → ${outcomeOf(byId.get(r.orderId!))}`),
    ),
  };
}

/** The servers' own logs live in their data directories, which stop() deletes: keep a copy. */
function keepServerLogs(logDir: string): void {
  const runDir = dirname(logDir);
  for (const [from, to] of [
    ['temporal/temporal.log', 'temporal.log'],
    ['redis/redis.log', 'redis.log'],
    ['postgres/postgres.log', 'postgres.log'],
  ] as const) {
    const source = join(runDir, from);
    if (existsSync(source)) copyFileSync(source, join(logDir, to));
  }
}
