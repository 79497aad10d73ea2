/** The sandbox provider as its own process: `npm run sandbox`. Reads its settings from env here only. */
import pino from 'pino';
import { startSandbox } from './app.js';

const env = process.env;
const log = pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'sandbox-provider' } });
const sandbox = await startSandbox({
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
  log: (msg) => log.warn(msg),
});
log.info({ url: sandbox.url }, 'sandbox provider listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
