/**
 * `npm start`: PostgreSQL, Redis, the Temporal dev server with its UI, migrations, the sandbox payment
 * provider, worker and API, demo data; then prints the URLs, a demo token and a curl that buys an
 * item. Ctrl-C (or SIGTERM) stops every process it started.
 */
import { signToken } from '../api/middleware/auth.js';
import { loadEnv } from '../config/env.js';
import { createDb } from '../db/client.js';
import { DEMO_BUYER, DEMO_SELLER, seedDemoData } from './demo-data.js';
import { testLoginToken } from './identity-provider/client.js';
import { startStack } from './stack/index.js';

const started = Date.now();
const say = (line: string) => console.log(`\x1b[1m[start]\x1b[0m ${line}`);
// The local identity provider signs the API's tokens (README "Tokens"); ESCROWFLOW_IDENTITY=secret: HS256.
const stack = await startStack({
  mode: 'dev',
  log: say,
  identity: process.env.ESCROWFLOW_IDENTITY === 'secret' ? 'secret' : 'provider',
});

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
// Demo tokens as the identity provider issues them (password logins), or HS256 without it.
const demoToken = (sub: string, role: 'buyer' | 'seller' | 'operator', ttlSeconds = 24 * 3600) =>
  stack.identity
    ? testLoginToken(stack.identity.testClient, { sub, role, ttlSeconds })
    : signToken(env.JWT_SECRET, { sub, role }, ttlSeconds);
const buyerToken = await demoToken(DEMO_BUYER, 'buyer');
const sellerToken = await demoToken(DEMO_SELLER, 'seller');
const operatorToken = await demoToken('demo_operator', 'operator', 8 * 3600);
const identityLine = stack.identity
  ? `\n  Identity       ${stack.identity.issuer}   (sign in for a token: ${stack.identity.issuer}/dev/token; with TOTP, for step-up: ${stack.identity.issuer}/dev/token?mfa=1)`
  : '';

console.log(`
escrowflow is up in ${((Date.now() - started) / 1000).toFixed(1)} s

  API            ${stack.urls.api}   (docs: ${stack.urls.api}/docs, OpenAPI: ${stack.urls.api}/openapi.json)
  Temporal UI    ${stack.urls.temporalUi ?? `(external Temporal at ${env.TEMPORAL_ADDRESS})`}
  Temporal gRPC  ${env.TEMPORAL_ADDRESS}
  Sandbox PSP    ${stack.urls.sandbox}${identityLine}
  Codec server   ${stack.urls.api}/codec   (operators sign in at ${stack.urls.api}/codec/session; README "Payment-data protection")
  Mailbox        ${stack.urls.mailbox ?? '(none)'}   (emails sent over SMTP_URL; ?to=<address> filters)
  Metrics        ${(stack.urls.apiProcesses ?? [stack.urls.api]).map((u) => `${u}/metrics`).join(' · ')} (API) · ${stack.urls.workerMetricsAll?.join(' · ') ?? '(worker metrics off)'} (workers)
  Logs           ${stack.logDir}
  Versions       ${Object.entries(stack.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ')}

Demo tokens (valid 24 h; mint more with: npm run token -- --sub <user-id>${stack.identity ? '' : ' --hs256'};
payouts, webhook endpoints, the payout account, the notification email and operator decisions
want a step-up token, 5 minutes: npm run token -- --sub <user-id> --mfa${stack.identity ? '' : ' --hs256'}):
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
