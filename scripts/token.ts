/** `npm run token -- --sub <id> [--role operator] [--ttl 86400]`: prints a bearer token for local use. */
import { parseArgs } from 'node:util';
import { signToken } from '../api/middleware/auth.js';
import { loadEnv } from '../config/env.js';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string', default: 'buyer' },
    ttl: { type: 'string', default: '86400' },
  },
});
if (!values.sub) {
  console.error('usage: npm run token -- --sub <user-id> [--role buyer|seller|operator] [--ttl seconds]');
  process.exit(2);
}
if (!['buyer', 'seller', 'operator'].includes(values.role ?? '')) {
  console.error('role must be buyer, seller or operator');
  process.exit(2);
}
const env = loadEnv();
console.log(
  await signToken(env.JWT_SECRET, { sub: values.sub, role: values.role as 'buyer' }, Number(values.ttl)),
);
