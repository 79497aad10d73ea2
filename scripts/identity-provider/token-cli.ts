/**
 * `npm run token -- --sub <id> [--role buyer|seller|operator] [--mfa] [--ttl 86400] [--hs256]`: a bearer
 * token for the local stack. It asks the identity provider `npm start` runs (IDENTITY_PROVIDER_URL,
 * default http://127.0.0.1:4040) through its test-login grant; `--mfa` makes it a step-up token (a
 * password and a TOTP code just now: the sensitive operations take it for 5 minutes). `--hs256` signs
 * it with JWT_SECRET instead (scripts/token.ts), for an API without JWT_JWKS_URL
 * (`ESCROWFLOW_IDENTITY=secret npm start`, the compose demo).
 */
import { parseArgs } from 'node:util';
import { DEV_TEST_CLIENT_SECRET, testLoginToken } from './client.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string', default: 'buyer' },
    ttl: { type: 'string', default: '86400' },
    mfa: { type: 'boolean', default: false },
    hs256: { type: 'boolean', default: false },
  },
});

if (values.hs256) {
  await import('../token.js');
} else {
  const role = values.role as 'buyer' | 'seller' | 'operator';
  const ttl = Number(values.ttl);
  if (!values.sub || !['buyer', 'seller', 'operator'].includes(role) || !Number.isInteger(ttl) || ttl <= 0) {
    console.error(
      'usage: npm run token -- --sub <user-id> [--role buyer|seller|operator] [--mfa] [--ttl seconds] [--hs256]',
    );
    process.exit(2);
  }
  // The provider's address and the test client's secret: this runs beside the stack, not in it.
  const issuer = process.env.IDENTITY_PROVIDER_URL ?? 'http://127.0.0.1:4040';
  const secret = process.env.IDENTITY_TEST_CLIENT_SECRET ?? DEV_TEST_CLIENT_SECRET;
  try {
    console.log(
      await testLoginToken({ issuer, secret }, { sub: values.sub, role, mfa: values.mfa, ttlSeconds: ttl }),
    );
  } catch (err) {
    console.error(
      `no token from the identity provider at ${issuer} (${(err as Error).message}): is \`npm start\` running? An API on JWT_SECRET takes --hs256 tokens.`,
    );
    process.exit(1);
  }
}
