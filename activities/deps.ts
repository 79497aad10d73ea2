import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { FraudRules } from '../domain/fraud.js';
import type { PaymentProvider } from '../payments/provider.js';

/** Everything activities touch, built once by the worker (or a test) and passed in. */
export interface ActivityDeps {
  db: Db;
  redis: Redis;
  payments: PaymentProvider;
  log: Logger;
  /** FRAUD_RULES of this deployment; the defaults of domain/fraud.ts when absent. */
  fraudRules?: FraudRules;
}

/** Redis channel on which new notifications are published for the API's SSE streams. */
export const notificationChannel = (userId: string) => `notifications:${userId}`;
