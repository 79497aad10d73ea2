/**
 * The repo's development-only values, public in it: the schema's defaults (config/env.ts: `npm start`,
 * tests) and compose.dev.env's (the compose demo). Production refuses every one (config/production.ts).
 */
export const DEV = {
  JWT_SECRET: 'dev-only-jwt-secret-change-me-0123456789',
  PAYMENTS_API_KEY: 'sk_test_escrowflow',
  PAYMENTS_WEBHOOK_SECRET: 'whsec_escrowflow_dev',
  STRIPE_WEBHOOK_SECRET: 'whsec_stripe_dev',
  CARRIER_API_KEY: 'ck_test_escrowflow',
  CARRIER_WEBHOOK_SECRET: 'whsec_carrier_dev',
  // compose.dev.env only.
  POSTGRES_PASSWORD: 'escrowflow-dev-only',
  STRIPE_SECRET_KEY: 'sk_test_dev_only_unused',
  CODEC_KEY: Buffer.from('dev-only-codec-key-escrowflow-00'),
} as const;
