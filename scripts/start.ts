/**
 * `npm start`: PostgreSQL, Redis, the Temporal dev server with its UI, migrations, the sandbox payment
 * provider, worker and API, demo data; then prints the URLs, a demo token and a curl that buys an
 * item. Ctrl-C (or SIGTERM) stops every process it started.
 */
import { signToken } from '../api/middleware/auth.js';
import { loadEnv } from '../config/env.js';
import { createDb } from '../db/client.js';
import { DEMO_BUYER, DEMO_SELLER, seedDemoData } from './demo-data.js';
import { startStack } from './stack/index.js';

const started = Date.now();
const say = (line: string) => console.log(`\x1b[1m[start]\x1b[0m ${line}`);
const stack = await startStack({ mode: 'dev', log: say });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping every process`);
  await stack.stop();
  say('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const env = loadEnv({ ...process.env, ...stack.env });
const { db, close } = createDb(env.DATABASE_URL, { max: 1 });
const { listingIds } = await seedDemoData(db);
await close();
const buyerToken = await signToken(env.JWT_SECRET, { sub: DEMO_BUYER, role: 'buyer' });
const sellerToken = await signToken(env.JWT_SECRET, { sub: DEMO_SELLER, role: 'seller' });
const operatorToken = await signToken(env.JWT_SECRET, { sub: 'demo_operator', role: 'operator' }, 8 * 3600);

console.log(`
escrowflow is up in ${((Date.now() - started) / 1000).toFixed(1)} s

  API            ${stack.urls.api}   (docs: ${stack.urls.api}/docs, OpenAPI: ${stack.urls.api}/openapi.json)
  Temporal UI    ${stack.urls.temporalUi ?? `(external Temporal at ${env.TEMPORAL_ADDRESS})`}
  Temporal gRPC  ${env.TEMPORAL_ADDRESS}
  Sandbox PSP    ${stack.urls.sandbox}
  Codec server   ${stack.urls.api}/codec   (operators sign in at ${stack.urls.api}/codec/session; README "Payment-data protection")
  Mailbox        ${stack.urls.mailbox ?? '(none)'}   (emails sent over SMTP_URL; ?to=<address> filters)
  Metrics        ${(stack.urls.apiProcesses ?? [stack.urls.api]).map((u) => `${u}/metrics`).join(' · ')} (API) · ${stack.urls.workerMetricsAll?.join(' · ') ?? '(worker metrics off)'} (workers)
  Logs           ${stack.logDir}
  Versions       ${Object.entries(stack.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ')}

Demo tokens (valid 24 h; mint more with: npm run token -- --sub <user-id>):
  buyer  (${DEMO_BUYER})  ${buyerToken}
  seller (${DEMO_SELLER}) ${sellerToken}

Buy the demo sneakers and wait for the payment outcome:
  curl -sS -X POST '${stack.urls.api}/v1/orders?wait=payment' \\
    -H 'Authorization: Bearer ${buyerToken}' \\
    -H 'Content-Type: application/json' -H "Idempotency-Key: $(date +%s%N)" \\
    -d '{"listingId":"${listingIds[1]}","quantity":1,"paymentMethod":"pm_card_ok"}'

Then find it in the Temporal UI: ${stack.urls.temporalUi ?? ''}/namespaces/default/workflows
Its payloads are encrypted; to read them there, sign in at ${stack.urls.api}/codec/session with
  ${operatorToken}
and, in the UI's Codec Server settings, use this browser's endpoint ${stack.urls.api}/codec with
"Include cross-origin credentials" on.
Press Ctrl-C to stop.
`);
