/**
 * `npm run token -- --sub <id> [--role buyer|seller|operator] [--mfa] [--ttl 86400] [--hs256]`: prints
 * a bearer token for local use.
 * - By default it asks the local identity provider `npm start` runs (IDENTITY_PROVIDER_URL, default
 *   http://127.0.0.1:4040) through its test-login grant: the token an app would get there.
 * - `--hs256` signs it with JWT_SECRET instead, for an API without JWT_JWKS_URL
 *   (`ESCROWFLOW_IDENTITY=secret npm start`, the compose demo).
 * `--mfa` makes it a step-up token (a password and a TOTP code just now): the sensitive operations
 * take it for STEP_UP_MAX_AGE_S (5 minutes) after it was made.
 */
import { parseArgs } from 'node:util';
import { signToken } from '../api/middleware/auth.js';
import { loadEnv } from '../config/env.js';
import { MFA_ACR } from '../domain/step-up.js';
import { DEV_TEST_CLIENT_SECRET, testLoginToken } from './identity-provider/client.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string', default: 'buyer' },
    ttl: { type: 'string', default: '86400' },
    mfa: { type: 'boolean', default: false },
    hs256: { type: 'boolean', default: false },
  },
});
const usage =
  'usage: npm run token -- --sub <user-id> [--role buyer|seller|operator] [--mfa] [--ttl seconds] [--hs256]';
if (!values.sub) {
  console.error(usage);
  process.exit(2);
}
const role = values.role as 'buyer' | 'seller' | 'operator';
if (!['buyer', 'seller', 'operator'].includes(role)) {
  console.error('role must be buyer, seller or operator');
  process.exit(2);
}
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl <= 0) {
  console.error('ttl must be a whole number of seconds');
  process.exit(2);
}

if (values.hs256) {
  const env = loadEnv();
  const now = Math.floor(Date.now() / 1000);
  const login = values.mfa
    ? { amr: ['pwd', 'otp', 'mfa'], acr: MFA_ACR, authTime: now }
    : { amr: ['pwd'], authTime: now };
  console.log(await signToken(env.JWT_SECRET, { sub: values.sub, role, login }, ttl));
} else {
  // The provider's own settings, not the API's: this runs outside the stack.
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
