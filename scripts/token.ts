/**
 * `node dist/scripts/token.js --sub <id> [--role operator] [--mfa] [--ttl 86400]` (in the image), or
 * `npm run token -- --hs256 ...`: prints an HS256 bearer token signed with JWT_SECRET, for an API
 * without JWT_JWKS_URL. `--mfa` makes it a step-up token (a password and a TOTP code just now): the
 * sensitive operations take it for STEP_UP_MAX_AGE_S (5 minutes) after it was made. With an identity
 * provider, tokens come from it (`npm run token` asks the local one: scripts/identity-provider/token-cli.ts).
 */
import { parseArgs } from 'node:util';
import { signToken } from '../api/middleware/auth.js';
import { loadEnv } from '../config/env.js';
import { MFA_ACR } from '../domain/step-up.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string', default: 'buyer' },
    ttl: { type: 'string', default: '86400' },
    mfa: { type: 'boolean', default: false },
    // Accepted so that `npm run token -- --hs256` can hand its arguments on unchanged.
    hs256: { type: 'boolean' },
  },
});
if (!values.sub) {
  console.error('usage: token --sub <user-id> [--role buyer|seller|operator] [--mfa] [--ttl seconds]');
  process.exit(2);
}
if (!['buyer', 'seller', 'operator'].includes(values.role ?? '')) {
  console.error('role must be buyer, seller or operator');
  process.exit(2);
}
const env = loadEnv();
const now = Math.floor(Date.now() / 1000);
const login = values.mfa
  ? { amr: ['pwd', 'otp', 'mfa'], acr: MFA_ACR, authTime: now }
  : { amr: ['pwd'], authTime: now };
console.log(
  await signToken(
    env.JWT_SECRET,
    { sub: values.sub, role: values.role as 'buyer', login },
    Number(values.ttl),
  ),
);
