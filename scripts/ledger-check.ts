/**
 * `npm run ledger:check`: the ledger's invariants, checked against the database (and the payment
 * provider, when reachable): postings sum to zero per currency, no non-negative account is below
 * zero, and per order the provider's captures and refunds equal what the ledger booked.
 * Exit code 1 on any problem. `--since <ISO time>` limits the provider comparison to a period;
 * `--no-provider` skips it.
 */
import { sql } from 'drizzle-orm';
import { compareWithProvider } from '../activities/reconciliation.js';
import { loadEnv } from '../config/env.js';
import { createDb } from '../db/client.js';
import { checkLedger } from '../db/queries/ledger.js';
import { ledgerEntries, ledgerLines } from '../db/schema/index.js';
import { createSandboxProvider } from '../payments/sandbox-provider.js';

const env = loadEnv();
const since = () => {
  const at = process.argv.indexOf('--since');
  const value = at >= 0 ? new Date(process.argv[at + 1] ?? '') : new Date(0);
  if (Number.isNaN(value.getTime())) throw new Error('--since needs an ISO time');
  return value;
};
const { db, close } = createDb(env.DATABASE_URL, { max: 2 });
let failed = false;
try {
  const [{ entries }] = (await db.select({ entries: sql<number>`count(*)::int` }).from(ledgerEntries)) as [
    { entries: number },
  ];
  const perCurrency = await db
    .select({
      currency: ledgerLines.currency,
      lines: sql<number>`count(*)::int`,
      debits: sql<string>`coalesce(-sum(${ledgerLines.amount}) filter (where ${ledgerLines.amount} < 0), 0)::text`,
      sum: sql<string>`sum(${ledgerLines.amount})::text`,
    })
    .from(ledgerLines)
    .groupBy(ledgerLines.currency)
    .orderBy(ledgerLines.currency);
  console.log(`ledger: ${entries} entries`);
  for (const c of perCurrency) {
    console.log(`  ${c.currency}: ${c.lines} lines, ${c.debits} minor units moved, sum ${c.sum}`);
  }
  const ledger = await checkLedger(db);
  console.log(`invariants (zero-sum per currency, non-negative accounts): ${ledger.ok ? 'ok' : 'FAILED'}`);
  for (const p of ledger.problems) console.log(`  - ${p}`);
  failed ||= !ledger.ok;

  if (!process.argv.includes('--no-provider')) {
    const payments = createSandboxProvider({ baseUrl: env.PAYMENTS_BASE_URL, apiKey: env.PAYMENTS_API_KEY });
    const { counts, mismatches } = await compareWithProvider(
      { db, payments },
      { from: since(), to: new Date(Date.now() + 60_000) },
    );
    console.log(
      `provider captures − refunds = ledger (${counts.orders} orders, ${counts.providerIntents} intents, ${counts.providerTransfers} transfers): ${mismatches.length ? 'FAILED' : 'ok'}`,
    );
    for (const m of mismatches) console.log(`  - ${JSON.stringify(m)}`);
    failed ||= mismatches.length > 0;
  }
} finally {
  await close();
}
process.exit(failed ? 1 : 0);
