import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CarrierProvider } from '../carriers/provider.js';
import type { Db } from '../db/client.js';
import type { FraudRules } from '../domain/fraud.js';
import type { SellerWebhookSettings } from '../domain/seller-webhooks.js';
import type { BusinessMetrics } from '../observability/business-metrics.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { EmailSettings } from './email.js';

/** Everything activities touch, built once by the worker (or a test) and passed in. */
export interface ActivityDeps {
  db: Db;
  redis: Redis;
  payments: PaymentProvider;
  /** Parcel tracking (registration, the polling fallback of carrier webhooks); carrier calls fail without it. */
  carriers?: CarrierProvider;
  log: Logger;
  /** FRAUD_RULES of this deployment; the defaults of domain/fraud.ts when absent. */
  fraudRules?: FraudRules;
  /** Business counters (observability/business-metrics.ts); none counted when absent. */
  metrics?: BusinessMetrics;
  /** Starts workflows from activities (seller webhook deliveries); without it none are sent. */
  temporal?: Client;
  /** OUTBOUND_WEBHOOK_* of this deployment; without it nothing but public addresses, 5 s timeouts. */
  sellerWebhooks?: SellerWebhookSettings;
  /** SMTP_URL, EMAIL_FROM and the burst limit (activities/email.ts); no email is sent when absent. */
  email?: EmailSettings;
}

/** Redis channel on which new notifications are published for the API's SSE streams. */
export const notificationChannel = (userId: string) => `notifications:${userId}`;
