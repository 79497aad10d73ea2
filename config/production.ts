/** What production refuses beyond the schema: the development values, and workflow payloads left plain. */
import { commaList } from './comma-list.js';
import { DEV } from './dev-values.js';
import type { Env } from './env.js';

/**
 * The issues of a production configuration: the repo's development values (config/dev-values.ts), a
 * Stripe endpoint without a secret, and workflow payloads without encryption. Empty outside production.
 */
export function productionIssues(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const issues: string[] = [];
  if (databasePassword(env.DATABASE_URL) === DEV.POSTGRES_PASSWORD)
    issues.push('DATABASE_URL: the development password is refused in production');
  if (env.JWT_SECRET === DEV.JWT_SECRET || env.JWT_SECRET_PREVIOUS === DEV.JWT_SECRET)
    issues.push(
      'JWT_SECRET: the development default is refused in production (set JWT_SECRET or JWT_SECRET_FILE)',
    );
  if (commaList(env.PAYMENTS_WEBHOOK_SECRET).includes(DEV.PAYMENTS_WEBHOOK_SECRET))
    issues.push('PAYMENTS_WEBHOOK_SECRET: the development default is refused in production');
  if (commaList(env.CARRIER_WEBHOOK_SECRET).includes(DEV.CARRIER_WEBHOOK_SECRET))
    issues.push('CARRIER_WEBHOOK_SECRET: the development default is refused in production');
  if (
    env.PAYMENTS_PROVIDER === 'stripe' &&
    commaList(env.STRIPE_WEBHOOK_SECRET).includes(DEV.STRIPE_WEBHOOK_SECRET)
  )
    issues.push('STRIPE_WEBHOOK_SECRET: the development default is refused in production');
  // Blank would leave the Stripe endpoint verifying nothing, so every event would be refused.
  if (env.PAYMENTS_PROVIDER === 'stripe' && commaList(env.STRIPE_WEBHOOK_SECRET).length === 0)
    issues.push('STRIPE_WEBHOOK_SECRET: required in production with PAYMENTS_PROVIDER=stripe');
  if (env.STRIPE_SECRET_KEY === DEV.STRIPE_SECRET_KEY)
    issues.push('STRIPE_SECRET_KEY: the development placeholder is refused in production');
  // The sandbox adapter's key goes to PAYMENTS_BASE_URL; under Stripe it is never sent.
  if (env.PAYMENTS_PROVIDER === 'sandbox' && env.PAYMENTS_API_KEY === DEV.PAYMENTS_API_KEY)
    issues.push('PAYMENTS_API_KEY: the development default is refused in production');
  if (env.CARRIER_API_KEY === DEV.CARRIER_API_KEY)
    issues.push('CARRIER_API_KEY: the development default is refused in production');
  if (env.CODEC_KEYS.length === 0)
    issues.push('CODEC_KEYS: required in production (set CODEC_KEYS or CODEC_KEYS_FILE; see README)');
  else if (env.CODEC_KEYS.some(({ key }) => key.equals(DEV.CODEC_KEY)))
    issues.push('CODEC_KEYS: the development key is refused in production');
  return issues;
}

/** The password of a postgres:// URL as PostgreSQL gets it (percent-decoded). */
function databasePassword(url: string): string {
  const { password } = new URL(url);
  try {
    return decodeURIComponent(password);
  } catch {
    return password;
  }
}
