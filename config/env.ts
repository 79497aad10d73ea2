/**
 * The one place that reads process.env: a zod schema parsed at start-up. An invalid value exits
 * with a message naming the variable instead of failing later somewhere deep.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type CodecKey, parseCodecKeys } from '../codec/keys.js';
import { parseFraudRules } from '../domain/fraud-rules.js';
import type { SellerWebhookSettings } from '../domain/seller-webhooks.js';
import { MFA_ACR } from '../domain/step-up.js';
import { parseCidrList } from '../domain/webhook-target.js';
import { commaList } from './comma-list.js';
import { DEV } from './dev-values.js';
import { productionIssues } from './production.js';
import { durationMs, optionalText } from './schema-parts.js';
import {
  checkTemporalConnection,
  type TemporalConnectionEnv,
  temporalConnectionSchema,
  temporalConnectionShape,
} from './temporal-connection.js';
import { workerShape } from './worker-env.js';

export { commaList } from './comma-list.js';
export { productionIssues } from './production.js';

const envObject = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://escrowflow@127.0.0.1:55432/escrowflow'),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:56379'),
  // TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and the TLS / API key settings of a remote cluster or Temporal
  // Cloud (config/temporal-connection.ts; the rules between them are checked below).
  ...temporalConnectionShape,
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV.JWT_SECRET),
  /** The secret JWT_SECRET replaced: tokens it signed still verify until they expire (rotation). */
  JWT_SECRET_PREVIOUS: z.string().min(32, 'JWT_SECRET_PREVIOUS must be at least 32 characters').optional(),
  /**
   * An identity provider's tokens (docs/design.md "Identity and step-up"): with JWT_JWKS_URL set, the API
   * takes RS256/ES256 tokens signed by a key of that JWKS (found by `kid`, refetched on an unknown one)
   * with this issuer and audience, and refuses HS256 ones; JWT_SECRET then only signs codec sessions.
   */
  JWT_JWKS_URL: optionalText.pipe(z.string().url().optional()),
  JWT_ISSUER: optionalText,
  JWT_AUDIENCE: optionalText,
  /** After a JWKS fetch, no other for this long, whatever unknown `kid` comes (jose's default). */
  JWT_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  /** Step-up (RFC 9470): how old a multi-factor login may be for a sensitive operation. */
  STEP_UP_MAX_AGE_S: z.coerce.number().int().positive().default(300),
  /** The `acr_values` the step-up challenge asks the identity provider for (space-separated). */
  STEP_UP_ACR_VALUES: z
    .string()
    .regex(/^[\x21\x23-\x5B\x5D-\x7E ]+$/, 'printable ASCII without quotes or backslashes')
    .default(MFA_ACR),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PAYMENTS_BASE_URL: z.string().url().default('http://127.0.0.1:4010'),
  PAYMENTS_API_KEY: z.string().default(DEV.PAYMENTS_API_KEY),
  /** Comma-separated: a delivery signed with any of them verifies (the provider's secret rotation). */
  PAYMENTS_WEBHOOK_SECRET: z.string().default(DEV.PAYMENTS_WEBHOOK_SECRET),
  /** `sandbox` (sandbox/, PAYMENTS_BASE_URL) or `stripe` (Stripe Connect, payments/stripe.ts). */
  PAYMENTS_PROVIDER: z.enum(['sandbox', 'stripe']).default('sandbox'),
  STRIPE_SECRET_KEY: z.string().optional(),
  /** Another Stripe API host (stripe-mock in tests); Stripe's own when unset. */
  STRIPE_API_BASE: z.string().url().optional(),
  /**
   * Signing secrets of POST /v1/webhooks/payments/stripe, comma-separated: during a rotation Stripe
   * signs with both and either verifies.
   */
  STRIPE_WEBHOOK_SECRET: z.string().default(DEV.STRIPE_WEBHOOK_SECRET),
  /** `id:base64key` entries (codec/keys.ts): the first encrypts workflow payloads, all decrypt. */
  CODEC_KEYS: z
    .string()
    .optional()
    .transform((text, ctx): CodecKey[] => {
      if (!text?.trim()) return [];
      try {
        return parseCodecKeys(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `invalid codec keys: ${(err as Error).message}` });
        return z.NEVER;
      }
    }),
  /** Browser origins (the Temporal UI) allowed to call the codec server, comma-separated. */
  CODEC_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => commaList(s).map((o) => o.replace(/\/$/, '')))
    .pipe(z.array(z.string().refine(isOrigin, 'expected origins like http://127.0.0.1:8233'))),
  PAYMENTS_TIMEOUT_MS: durationMs.default(10_000),
  /** Activities per second on the payments task queue, across all workers: the provider's limit. */
  PAYMENTS_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(150),
  PAYMENTS_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  PAYMENTS_BREAKER_COOLDOWN_MS: durationMs.default(10_000),
  /** The carrier's tracking API (the sandbox carrier by default) and the secret its webhooks are signed with. */
  CARRIER_BASE_URL: z.string().url().default('http://127.0.0.1:4010/carrier/v1'),
  CARRIER_API_KEY: z.string().default(DEV.CARRIER_API_KEY),
  /** Comma-separated, like PAYMENTS_WEBHOOK_SECRET: a delivery signed with any of them verifies. */
  CARRIER_WEBHOOK_SECRET: z.string().default(DEV.CARRIER_WEBHOOK_SECRET),
  CARRIER_TIMEOUT_MS: durationMs.default(10_000),
  ...workerShape,
  /** Requests a minute per authenticated user, and per client address (webhooks are not limited). */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(3000),
  /** Proxies in front of the API that append to X-Forwarded-For; 0 trusts only the socket's peer. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(5000).default(1000),
  SHIP_BY_MS: durationMs.default(3 * 24 * 3600_000),
  AUTO_CONFIRM_MS: durationMs.default(14 * 24 * 3600_000),
  DISPUTE_WINDOW_MS: durationMs.default(3 * 24 * 3600_000),
  DISPUTE_SELLER_RESPONSE_MS: durationMs.default(3 * 24 * 3600_000),
  DISPUTE_OPERATOR_SLA_MS: durationMs.default(7 * 24 * 3600_000),
  /** How often a shipped order asks the carrier, in case its delivery webhook never comes. */
  CARRIER_POLL_INTERVAL_MS: durationMs.default(6 * 3600_000),
  ORDER_WAIT_PAYMENT_MS: durationMs.default(5_000),
  PAYOUT_MIN_MINOR: z.coerce.number().int().positive().default(100),
  PAYOUT_SCHEDULE_CRON: z.string().default('0 6 * * *'),
  RECONCILIATION_SCHEDULE_CRON: z.string().default('0 4 * * *'),
  /**
   * The reservation hold of an order whose workflow never started (the API stopped between placing it
   * and starting it): past it, the stale-order sweep, run every STALE_ORDER_SWEEP_EVERY_MS, expires it.
   */
  ORDER_HOLD_MS: durationMs.default(15 * 60_000),
  STALE_ORDER_SWEEP_EVERY_MS: durationMs.default(5 * 60_000),
  /** Offers (docs/design.md): one expires this long after its last move... */
  OFFER_TTL_MS: durationMs.default(48 * 3600_000),
  /** ...but never later than its card hold can be relied on: the provider's validity less a margin. */
  OFFER_HOLD_VALIDITY_MS: durationMs.default(7 * 24 * 3600_000),
  /** Covers the accepted order's way to its capture (a fraud review waits up to a day). */
  OFFER_HOLD_MARGIN_MS: durationMs.default(24 * 3600_000),
  /** Offers one buyer may make on one listing, ended ones included. */
  OFFERS_PER_BUYER_PER_LISTING: z.coerce.number().int().positive().default(3),
  /** Auctions (docs/design.md): a bid this close to the end moves the end to this long after the bid. */
  AUCTION_SOFT_CLOSE_MS: durationMs.default(2 * 60_000),
  /** Email notifications: `smtp://[user:pass@]host:port` or `smtps://…`; unset, the email channel is off. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((u) => u?.trim() || undefined)
    .pipe(
      z
        .string()
        .url()
        .refine((u) => /^smtps?:\/\//i.test(u), 'expected smtp:// or smtps://')
        .optional(),
    ),
  EMAIL_FROM: z.string().min(3).default('escrowflow <no-reply@escrowflow.local>'),
  /** Emails per user per minute; more wait for the next minute (delayed, not dropped). */
  EMAIL_PER_USER_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Where users reach the platform: links in emails point there. */
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** When set, the API's GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  // OpenTelemetry tracing, off unless an exporter or OTLP endpoint is named (observability/tracing.ts).
  // Standard names; the SDK itself reads the other OTEL_* (headers, timeouts, OTEL_BSP_*, sampler).
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false', ''])
    .default('false')
    .transform((v) => v === 'true'),
  OTEL_TRACES_EXPORTER: z
    .string()
    .optional()
    .transform((s) => (s === undefined ? undefined : commaList(s)))
    .pipe(z.array(z.enum(['otlp', 'console', 'none'])).optional()),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  /** Spans leave as OTLP/HTTP with JSON bodies (what OTel collectors, Jaeger and Tempo accept on :4318). */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/json'], 'only http/json is supported').optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(['http/json'], 'only http/json is supported').optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).optional(),
  /**
   * Non-public addresses seller webhooks may still reach: a comma list of CIDRs or addresses
   * (tests: 127.0.0.1/32). Empty by default: only public unicast addresses (domain/webhook-target.ts).
   */
  OUTBOUND_WEBHOOK_ALLOW_CIDRS: z
    .string()
    .default('')
    .transform((csv, ctx) => {
      try {
        return parseCidrList(csv);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Per attempt of a seller webhook (connect, send, answer); below the activity's 1-minute timeout. */
  OUTBOUND_WEBHOOK_TIMEOUT_MS: durationMs.max(30_000).default(5_000),
  /** First retry of a failed seller webhook; doubles up to an hour between attempts. */
  OUTBOUND_WEBHOOK_RETRY_INITIAL_MS: durationMs.default(5_000),
  /** Partial JSON over DEFAULT_FRAUD_RULES (domain/fraud.ts), e.g. {"amountMajor":{"review":500,"deny":5000}}. */
  FRAUD_RULES: z
    .string()
    .optional()
    .transform((json, ctx) => {
      try {
        return parseFraudRules(json);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `invalid fraud rules: ${(err as Error).message}` });
        return z.NEVER;
      }
    }),
});

export const envSchema = envObject
  .superRefine(checkTemporalConnection)
  .superRefine(checkIdentityProvider)
  .superRefine((env, ctx) => {
    // A worker with a build id but no deployment (or the reverse) would silently run unversioned.
    if (!env.WORKER_DEPLOYMENT_NAME !== !env.WORKER_BUILD_ID)
      ctx.addIssue({
        code: 'custom',
        path: [env.WORKER_BUILD_ID ? 'WORKER_DEPLOYMENT_NAME' : 'WORKER_BUILD_ID'],
        message: 'set WORKER_DEPLOYMENT_NAME and WORKER_BUILD_ID together (Worker Versioning), or neither',
      });
  });

export type Env = z.infer<typeof envSchema>;

/** JWKS mode needs the issuer and audience its tokens must name; without it they would mean nothing. */
function checkIdentityProvider(env: z.infer<typeof envObject>, ctx: z.RefinementCtx): void {
  for (const key of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
    const message =
      env.JWT_JWKS_URL && !env[key]
        ? `required with JWT_JWKS_URL: the ${key === 'JWT_ISSUER' ? 'issuer' : 'audience'} its tokens must name`
        : !env.JWT_JWKS_URL && env[key]
          ? 'only read with JWT_JWKS_URL (identity provider tokens)'
          : undefined;
    if (message) ctx.addIssue({ code: 'custom', path: [key], message });
  }
}

/** Secrets that may come from a file instead (`JWT_SECRET_FILE=/run/secrets/jwt`): never from the repo. */
export const SECRET_FILE_VARIABLES = [
  'JWT_SECRET',
  'JWT_SECRET_PREVIOUS',
  'PAYMENTS_API_KEY',
  'PAYMENTS_WEBHOOK_SECRET',
  'CODEC_KEYS',
  'METRICS_TOKEN',
  'CARRIER_API_KEY',
  'CARRIER_WEBHOOK_SECRET',
  'SMTP_URL',
  'TEMPORAL_API_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
] as const;

/** `X_FILE` → `X` (the file's content, trimmed); both set is an error, as is an unreadable file. */
export function resolveSecretFiles(source: NodeJS.ProcessEnv): {
  values: NodeJS.ProcessEnv;
  issues: string[];
} {
  const values: NodeJS.ProcessEnv = { ...source };
  const issues: string[] = [];
  for (const name of SECRET_FILE_VARIABLES) {
    const file = source[`${name}_FILE`];
    if (!file) continue;
    if (source[name]) {
      issues.push(`${name}: set ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      values[name] = readFileSync(file, 'utf8').trim();
    } catch (err) {
      issues.push(`${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { values, issues };
}

/** What the chosen payment provider needs. */
function providerIssues(env: Env): string[] {
  return env.PAYMENTS_PROVIDER === 'stripe' && !env.STRIPE_SECRET_KEY
    ? ['STRIPE_SECRET_KEY: required with PAYMENTS_PROVIDER=stripe (sk_test_… for test mode)']
    : [];
}

export type ParsedEnv = { ok: true; env: Env } | { ok: false; issues: string[] };

export function parseEnv(source: NodeJS.ProcessEnv = process.env): ParsedEnv {
  const { values, issues } = resolveSecretFiles(source);
  const parsed = envSchema.safeParse(values);
  if (!parsed.success) issues.push(...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  else issues.push(...productionIssues(parsed.data), ...providerIssues(parsed.data));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, env: (parsed as { data: Env }).data };
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = parseEnv(source);
  if (!parsed.ok) {
    console.error(`invalid configuration:\n${parsed.issues.map((i) => `  ${i}`).join('\n')}`);
    process.exit(1);
  }
  return parsed.env;
}

/**
 * Only the Temporal connection settings (TEMPORAL_API_KEY_FILE included), for scripts that connect to
 * Temporal and nothing else (the stack's readiness checks, chaos, bench). Throws naming the variable.
 */
export function parseTemporalEnv(source: NodeJS.ProcessEnv = process.env): TemporalConnectionEnv {
  const { values, issues } = resolveSecretFiles(source);
  const parsed = temporalConnectionSchema.safeParse(values);
  const all = [
    ...issues.filter((i) => i.startsWith('TEMPORAL_')),
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
  ];
  if (all.length > 0 || !parsed.success) throw new Error(`invalid Temporal settings: ${all.join('; ')}`);
  return parsed.data;
}

/** The payment provider's webhook secrets, newest first (PAYMENTS_WEBHOOK_SECRET is a comma list). */
export const webhookSecrets = (env: Pick<Env, 'PAYMENTS_WEBHOOK_SECRET'>): string[] =>
  commaList(env.PAYMENTS_WEBHOOK_SECRET);

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

/** Timers of the escrow workflow, passed in its input so tests and deployments can change them. */
export function escrowTimers(env: Env) {
  return {
    shipByMs: env.SHIP_BY_MS,
    autoConfirmMs: env.AUTO_CONFIRM_MS,
    disputeWindowMs: env.DISPUTE_WINDOW_MS,
    sellerResponseMs: env.DISPUTE_SELLER_RESPONSE_MS,
    operatorSlaMs: env.DISPUTE_OPERATOR_SLA_MS,
    carrierPollMs: env.CARRIER_POLL_INTERVAL_MS,
  };
}

/** How long offers and their holds live (OFFER_*), passed in each offer's input. */
export function offerTerms(env: Env) {
  return {
    ttlMs: env.OFFER_TTL_MS,
    holdValidityMs: env.OFFER_HOLD_VALIDITY_MS,
    holdMarginMs: env.OFFER_HOLD_MARGIN_MS,
  };
}

/** OUTBOUND_WEBHOOK_* as the worker's seller webhook activities take them. */
export function sellerWebhookSettings(env: Env): SellerWebhookSettings {
  return {
    allowCidrs: env.OUTBOUND_WEBHOOK_ALLOW_CIDRS,
    timeoutMs: env.OUTBOUND_WEBHOOK_TIMEOUT_MS,
    retryInitialMs: env.OUTBOUND_WEBHOOK_RETRY_INITIAL_MS,
  };
}
