/** The platform's real activities wired to the test stack's PostgreSQL, Redis and sandbox provider. */
import type { Redis } from 'ioredis';
import pino from 'pino';
import { createActivities } from '../../activities/index.js';
import type { CarrierProvider } from '../../carriers/provider.js';
import { createSandboxCarrier } from '../../carriers/sandbox-carrier.js';
import type { Db } from '../../db/client.js';
import { parseFraudRules } from '../../domain/fraud-rules.js';
import { createSandboxProvider } from '../../payments/sandbox-provider.js';
import { stack } from './stack.js';

export const sandboxPayments = () =>
  createSandboxProvider({ baseUrl: stack().sandboxUrl, apiKey: 'sk_test_escrowflow', timeoutMs: 5000 });

/** The sandbox carrier of the stack's sandbox process (sandbox/carrier.ts). */
export const sandboxCarrier = (): CarrierProvider =>
  createSandboxCarrier({
    baseUrl: stack().env.CARRIER_BASE_URL ?? `${stack().sandboxUrl}/carrier/v1`,
    apiKey: stack().env.CARRIER_API_KEY ?? 'ck_test_escrowflow',
    timeoutMs: 5000,
  });

export function stackActivities(
  db: Db,
  redis: Redis,
  payments = sandboxPayments(),
  carriers: CarrierProvider = sandboxCarrier(),
) {
  // The stack's fraud rules: the sandbox's shared test cards would otherwise pile up card velocity.
  const fraudRules = parseFraudRules(stack().env.FRAUD_RULES);
  return createActivities({ db, redis, payments, carriers, log: pino({ level: 'silent' }), fraudRules });
}
