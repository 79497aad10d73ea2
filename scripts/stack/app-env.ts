/** The settings the stack gives its app processes (sandbox, workers, API): its servers, ports and secrets. */
import { temporalSecuritySettings } from './apps.js';
import { identityEnv, type StackIdentity } from './identity-provider.js';
import { ensureCodecKeyFile } from './secrets.js';
import type { StackRun } from './servers.js';

export interface StackServers {
  databaseUrl: string;
  redisUrl: string;
  temporalAddress: string;
  temporalUi?: string;
  apiUrl: string;
  sandboxUrl: string;
  /** The local identity provider whose tokens the API takes (scripts/stack/identity-provider.ts). */
  identity?: StackIdentity;
}

export function appEnv(run: StackRun, servers: StackServers, withApps: boolean): Record<string, string> {
  const { outer, dev, ports } = run;
  const { sandboxUrl } = servers;
  return {
    NODE_ENV: dev ? 'development' : 'test',
    LOG_LEVEL: outer.LOG_LEVEL ?? 'info',
    DATABASE_URL: servers.databaseUrl,
    REDIS_URL: servers.redisUrl,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    TEMPORAL_NAMESPACE: outer.TEMPORAL_NAMESPACE ?? 'default',
    API_HOST: outer.API_HOST ?? '127.0.0.1',
    API_PORT: String(ports.api),
    PAYMENTS_BASE_URL: sandboxUrl,
    CARRIER_BASE_URL: `${sandboxUrl}/carrier/v1`,
    // Email goes to the sandbox's SMTP receiver; in development SMTP_URL may name a real relay.
    ...(withApps && {
      SMTP_URL: (dev && outer.SMTP_URL) || `smtp://127.0.0.1:${ports.smtp}`,
    }),
    PUBLIC_URL: outer.PUBLIC_URL ?? servers.apiUrl,
    WORKER_METRICS_ADDRESS: (dev && outer.WORKER_METRICS_ADDRESS) || `127.0.0.1:${ports.workerMetrics}`,
    // The sandbox's test cards (pm_card_ok, ...) are tokens every demo buyer shares: per-card
    // velocity would soon hold them all for review. Real card tokens are per card.
    FRAUD_RULES:
      outer.FRAUD_RULES ?? JSON.stringify({ cardVelocity: { review: 1_000_000, deny: 10_000_000 } }),
    // Workflow payloads are encrypted with a key made for this data directory (never in the repo).
    ...(outer.CODEC_KEYS
      ? { CODEC_KEYS: outer.CODEC_KEYS }
      : { CODEC_KEYS_FILE: outer.CODEC_KEYS_FILE ?? ensureCodecKeyFile(run.dir) }),
    CODEC_CORS_ORIGINS: outer.CODEC_CORS_ORIGINS ?? uiOrigins(servers.temporalUi),
    // TLS / API key for a Temporal the caller named (config/temporal-connection.ts); none for our own.
    ...temporalSecuritySettings(outer, !outer.TEMPORAL_ADDRESS),
    ...(servers.identity && identityEnv(servers.identity, dev)),
    ...passThrough(outer),
  };
}

/** Settings the caller may give the app processes (deployment terms, secrets). */
const PASSED_THROUGH = [
  'JWT_SECRET',
  'JWT_SECRET_FILE',
  'JWT_SECRET_PREVIOUS',
  // The caller's own identity provider (README "Tokens"), and step-up's terms.
  'JWT_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'JWT_JWKS_COOLDOWN_MS',
  'STEP_UP_MAX_AGE_S',
  'STEP_UP_ACR_VALUES',
  'PAYMENTS_WEBHOOK_SECRET',
  'PAYMENTS_WEBHOOK_SECRET_FILE',
  // Stripe Connect instead of the sandbox (README: running against Stripe test mode).
  'PAYMENTS_PROVIDER',
  'STRIPE_SECRET_KEY',
  'STRIPE_SECRET_KEY_FILE',
  'STRIPE_API_BASE',
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_WEBHOOK_SECRET_FILE',
  'CARRIER_WEBHOOK_SECRET',
  'CARRIER_POLL_INTERVAL_MS',
  'PLATFORM_FEE_BPS',
  'SHIP_BY_MS',
  'AUTO_CONFIRM_MS',
  'DISPUTE_WINDOW_MS',
  'PAYOUT_MIN_MINOR',
  'RATE_LIMIT_USER_PER_MINUTE',
  'RATE_LIMIT_IP_PER_MINUTE',
  'EMAIL_FROM',
  'EMAIL_PER_USER_PER_MINUTE',
  'OUTBOUND_WEBHOOK_ALLOW_CIDRS',
  'OUTBOUND_WEBHOOK_TIMEOUT_MS',
  'OUTBOUND_WEBHOOK_RETRY_INITIAL_MS',
  'METRICS_TOKEN',
  // Tracing (observability/tracing.ts): the standard OpenTelemetry variables.
  'OTEL_SDK_DISABLED',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_BSP_MAX_QUEUE_SIZE',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
] as const;

function passThrough(outer: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(PASSED_THROUGH.flatMap((k) => (outer[k] ? [[k, outer[k]]] : [])));
}

/** The UI's origin under both loopback names (the codec server's CORS allows exactly these). */
function uiOrigins(uiUrl: string | undefined): string {
  if (!uiUrl) return '';
  const url = new URL(uiUrl);
  return [url.origin, `${url.protocol}//localhost:${url.port}`].join(',');
}
