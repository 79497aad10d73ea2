/** The sandbox provider as its own process: `npm run sandbox`. Reads its settings from env here only. */
import pino from 'pino';
import { startSandbox } from './app.js';

const env = process.env;
const log = pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'sandbox-provider' } });
// The dev/test SMTP receiver; loaded only when asked for (its packages are dev dependencies).
const mailbox = env.SANDBOX_SMTP_PORT
  ? await (await import('./mailbox.js')).startMailbox({
      host: env.SANDBOX_HOST ?? '127.0.0.1',
      port: Number(env.SANDBOX_SMTP_PORT),
      log: (msg) => log.warn(msg),
    })
  : undefined;
const sandbox = await startSandbox({
  mailbox,
  host: env.SANDBOX_HOST ?? '127.0.0.1',
  port: Number(env.SANDBOX_PORT ?? 4010),
  apiKey: env.SANDBOX_API_KEY ?? 'sk_test_escrowflow',
  webhookUrl: env.SANDBOX_WEBHOOK_URL,
  webhookSecret: env.SANDBOX_WEBHOOK_SECRET ?? 'whsec_escrowflow_dev',
  stateFile: env.SANDBOX_STATE_FILE,
  rateLimitRps: Number(env.SANDBOX_RATE_LIMIT_RPS ?? 200),
  seed: Number(env.SANDBOX_SEED ?? 42),
  settleDelayMs: Number(env.SANDBOX_SETTLE_DELAY_MS ?? 1000),
  faults: env.SANDBOX_FAULTS ? JSON.parse(env.SANDBOX_FAULTS) : undefined,
  carrier: {
    apiKey: env.SANDBOX_CARRIER_API_KEY ?? 'ck_test_escrowflow',
    webhookUrl: env.SANDBOX_CARRIER_WEBHOOK_URL,
    // The platform may accept several (rotation); the carrier signs with the first.
    webhookSecret: (env.CARRIER_WEBHOOK_SECRET ?? 'whsec_carrier_dev').split(',')[0]!.trim(),
    autoDeliverMs: Number(env.SANDBOX_CARRIER_AUTO_DELIVER_MS ?? 0),
  },
  log: (msg) => log.warn(msg),
});
log.info({ url: sandbox.url }, 'sandbox provider listening');
if (mailbox)
  log.info({ smtpPort: mailbox.port, list: `${sandbox.url}/_sandbox/mail` }, 'sandbox mailbox listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([sandbox.close(), mailbox?.close()]).then(() => process.exit(0));
  });
}
