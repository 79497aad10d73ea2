/** The run's figures: a table on stdout and `chaos/latest.json` beside this file. */

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Check } from './checks.js';
import type { PayoutRun } from './payouts.js';

export interface Figures {
  runId: string;
  startedAt: string;
  options: {
    orders: number;
    concurrency: number;
    intervalMs: number;
    seed: number;
    offers: number;
    auctions: number;
  };
  orders: {
    planned: number;
    created: number;
    rejectedAtCreate: Record<string, number>;
    byFinalState: Record<string, number>;
    byScenario: Record<string, number>;
    notFinal: number;
    disputesOpened: number;
    cancelDuringCapture: {
      orders: number;
      cancelledWhen: Record<string, number>;
      byAnswerAndOutcome: Record<string, number>;
    };
    disputeWindowMissed: number;
    answersLostButDone: number;
    driverErrors: string[];
  };
  chargebacks: {
    planned: number;
    plannedByMoment: Record<string, number>;
    injected: number;
    full: number;
    partial: number;
    atResolution: number;
    nothingToDispute: number;
    notReached: number;
    byMomentAndOutcome: Record<string, number>;
    minorUnitsTakenBack: number;
  };
  offers: {
    cases: number;
    made: number;
    byScenario: Record<string, number>;
    byStatus: Record<string, number>;
    ordersPlaced: number;
    expiredBeforeMove: number;
    driverErrors: string[];
  };
  auctions: {
    planned: number;
    listed: number;
    byResult: Record<string, number>;
    byScenarioAndOutcome: Record<string, number>;
    bidsAccepted: number;
    bidsRefusedClosed: number;
    bidsRefusedLow: number;
    extendedBySoftClose: number;
    workerKilledAtEnd: number;
    driverErrors: string[];
  };
  /** The orders accepted offers and auction ends placed, by final state. */
  negotiatedOrders: Record<string, number>;
  payouts: PayoutRun & { invariant: string };
  faults: {
    workerKills: number;
    workerKillsAtAuctionEnds: number;
    temporalRestarts: number;
    pgTerminations: number;
    redisRestarts: number;
    providerFaultsSeen: Record<string, number>;
    providerFaultConfig: Record<string, unknown>;
    unplannedRestarts: Record<string, number>;
    apiReadyAfterTemporalRestartMs: number[];
  };
  /** The API's logged errors (its 500s) by message. */
  apiErrors: Record<string, number>;
  clientRetries: Record<string, number> & { total: number };
  durationMs: { total: number; stackStart: number; load: number; settleAfterLastFault: number | null };
  ledgerCheck: string;
  reconciliationMismatches: number;
  notifications: string;
  oversold: number;
  doubleProviderEffects: number;
  checks: Check[];
  findings: string[];
  logDir: string;
  logsKept: string;
  ok: boolean;
}

const s = (ms: number | null) => (ms === null ? 'not settled' : `${(ms / 1000).toFixed(1)} s`);
const kv = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '—';

export function printFigures(f: Figures): void {
  const rows: Array<[string, string]> = [
    ['orders planned / created', `${f.orders.planned} / ${f.orders.created}`],
    ['orders by final state', kv(f.orders.byFinalState)],
    ['orders not final', String(f.orders.notFinal)],
    ['rejected at create', kv(f.orders.rejectedAtCreate)],
    ['scenarios', kv(f.orders.byScenario)],
    ['disputes opened / window missed', `${f.orders.disputesOpened} / ${f.orders.disputeWindowMissed}`],
    ['retried writes found already done', String(f.orders.answersLostButDone)],
    [
      'cancel during capture',
      `${f.orders.cancelDuringCapture.orders} (${kv(f.orders.cancelDuringCapture.byAnswerAndOutcome)})`,
    ],
    [
      'chargebacks planned / injected',
      `${f.chargebacks.planned} / ${f.chargebacks.injected} (nothing to dispute ${f.chargebacks.nothingToDispute}, not reached ${f.chargebacks.notReached})`,
    ],
    [
      'chargebacks full / partial / at resolution',
      `${f.chargebacks.full} / ${f.chargebacks.partial} / ${f.chargebacks.atResolution}`,
    ],
    ['chargebacks by moment → outcome', kv(f.chargebacks.byMomentAndOutcome)],
    ['offer cases / offers made', `${f.offers.cases} / ${f.offers.made} (${kv(f.offers.byScenario)})`],
    ['offers by end', kv(f.offers.byStatus)],
    ['offers expired before a move', String(f.offers.expiredBeforeMove)],
    ['auctions listed', `${f.auctions.listed} of ${f.auctions.planned}: ${kv(f.auctions.byResult)}`],
    ['auctions by scenario → outcome', kv(f.auctions.byScenarioAndOutcome)],
    [
      'bids accepted / refused closed / low',
      `${f.auctions.bidsAccepted} / ${f.auctions.bidsRefusedClosed} / ${f.auctions.bidsRefusedLow} (soft close extended ${f.auctions.extendedBySoftClose})`,
    ],
    ['orders of offers and auctions', kv(f.negotiatedOrders)],
    [
      'payouts',
      `${f.payouts.requested} of ${f.payouts.sellers} sellers: ${kv(f.payouts.byStatus)} (skipped: ${kv(f.payouts.skipped)})`,
    ],
    [
      'worker kills (SIGKILL)',
      `${f.faults.workerKills} (${f.faults.workerKillsAtAuctionEnds} at an auction's end)`,
    ],
    ['temporal restarts', String(f.faults.temporalRestarts)],
    ['pg connection terminations', String(f.faults.pgTerminations)],
    ['redis restarts', String(f.faults.redisRestarts)],
    ['provider faults seen by worker', kv(f.faults.providerFaultsSeen)],
    ['unplanned restarts (findings)', kv(f.faults.unplannedRestarts)],
    [
      'api ready after temporal restart',
      f.faults.apiReadyAfterTemporalRestartMs.map((ms) => `${ms} ms`).join(', '),
    ],
    ['api errors logged (500s)', String(Object.values(f.apiErrors).reduce((a, b) => a + b, 0))],
    ['client retries', `${f.clientRetries.total} (${kv(withoutTotal(f.clientRetries))})`],
    [
      'duration',
      `${s(f.durationMs.total)} (stack start ${s(f.durationMs.stackStart)}, load ${s(f.durationMs.load)})`,
    ],
    ['settled after last fault', s(f.durationMs.settleAfterLastFault)],
    ['ledger check', f.ledgerCheck],
    ['reconciliation mismatches', String(f.reconciliationMismatches)],
    ['notifications', f.notifications],
    ['oversold listings', String(f.oversold)],
    ['provider effects done twice', String(f.doubleProviderEffects)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nchaos run ${f.runId} — figures`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log('\nchecks');
  for (const c of f.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${truncate(c.detail, 400)}`);
  if (Object.keys(f.apiErrors).length) {
    console.log('\napi errors logged');
    for (const [what, n] of Object.entries(f.apiErrors)) console.log(`  ${String(n).padStart(4)} × ${what}`);
  }
  const driverErrors = [...f.orders.driverErrors, ...f.offers.driverErrors, ...f.auctions.driverErrors];
  if (driverErrors.length) {
    console.log('\nload driver errors');
    for (const e of driverErrors) console.log(`  - ${e}`);
  }
  if (f.findings.length) {
    console.log('\nfindings');
    for (const finding of f.findings) console.log(`  - ${finding}`);
  }
  console.log(`\n${f.ok ? 'PASS' : 'FAIL'} — logs in ${f.logDir} (copied to ${f.logsKept} at the end)`);
}

function withoutTotal(o: Record<string, number>): Record<string, number> {
  const { total: _, ...rest } = o;
  return rest;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function writeFigures(f: Figures): string {
  const file = fileURLToPath(new URL('./latest.json', import.meta.url));
  writeFileSync(file, `${JSON.stringify(f, null, 2)}\n`);
  return file;
}
