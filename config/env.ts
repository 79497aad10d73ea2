/**
 * The one place that reads process.env: a zod schema parsed at start-up. An invalid value exits
 * with a message naming the variable instead of failing later somewhere deep.
 */
import { z } from 'zod';
import { parseFraudRules } from '../domain/fraud.js';
import { ALL_TASK_QUEUES, type TaskQueue } from '../domain/task-queues.js';

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-0123456789';

const durationMs = z.coerce.number().int().positive();

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://escrowflow@127.0.0.1:55432/escrowflow'),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:56379'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PAYMENTS_BASE_URL: z.string().url().default('http://127.0.0.1:4010'),
  PAYMENTS_API_KEY: z.string().default('sk_test_escrowflow'),
  PAYMENTS_WEBHOOK_SECRET: z.string().default('whsec_escrowflow_dev'),
  PAYMENTS_TIMEOUT_MS: durationMs.default(10_000),
  /** Activities per second on the payments task queue, across all workers: the provider's limit. */
  PAYMENTS_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(150),
  PAYMENTS_BREAKER_THRESHOLD: z.coerce.number().int().positive().default(5),
  PAYMENTS_BREAKER_COOLDOWN_MS: durationMs.default(10_000),
  WORKER_TASK_QUEUES: z
    .string()
    .default(ALL_TASK_QUEUES.join(','))
    .transform((s) =>
      s
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ALL_TASK_QUEUES as [TaskQueue, ...TaskQueue[]])).min(1)),
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
  ORDER_WAIT_PAYMENT_MS: durationMs.default(5_000),
  PAYOUT_MIN_MINOR: z.coerce.number().int().positive().default(100),
  PAYOUT_SCHEDULE_CRON: z.string().default('0 6 * * *'),
  RECONCILIATION_SCHEDULE_CRON: z.string().default('0 4 * * *'),
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

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    console.error(`invalid configuration:\n${lines.join('\n')}`);
    process.exit(1);
  }
  return parsed.data;
}

/** Timers of the escrow workflow, passed in its input so tests and deployments can change them. */
export function escrowTimers(env: Env) {
  return {
    shipByMs: env.SHIP_BY_MS,
    autoConfirmMs: env.AUTO_CONFIRM_MS,
    disputeWindowMs: env.DISPUTE_WINDOW_MS,
    sellerResponseMs: env.DISPUTE_SELLER_RESPONSE_MS,
    operatorSlaMs: env.DISPUTE_OPERATOR_SLA_MS,
  };
}
