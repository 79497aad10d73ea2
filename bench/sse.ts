/**
 * `tsx bench/sse.ts [--clients 5000] [--pings 500] [--rate 50] [--outbids 200] [--outbid-rate 20]`:
 * GET /v1/events at a marketplace's scale on one API process of a fresh stack (bench/sse-clients.ts):
 * Redis connections, the API's RSS, notification → client and outbid → client delays, load average.
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { signToken } from '../api/middleware/auth.js';
import { loadEnv } from '../config/env.js';
import { createDb } from '../db/client.js';
import { startStack } from '../scripts/stack/index.js';
import { say } from './options.js';
import { sseAtScale } from './sse-clients.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    pings: { type: 'string', default: '500' },
    rate: { type: 'string', default: '50' },
    outbids: { type: 'string', default: '200' },
    'outbid-rate': { type: 'string', default: '20' },
  },
});

const stack = await startStack({
  mode: 'test',
  log: say,
  apiReplicas: 1,
  env: {
    ...process.env,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_IP_PER_MINUTE: '1000000000',
    RATE_LIMIT_USER_PER_MINUTE: '1000000000',
  },
});
const env = loadEnv({ ...process.env, ...stack.env });
const { db, close: closeDb } = createDb(env.DATABASE_URL, { max: 4 });
const redis = new Redis(env.REDIS_URL);
try {
  const apiPid = stack.processes.api?.child.pid;
  if (!apiPid) throw new Error('the stack started no API process of its own');
  const report = await sseAtScale({
    apiUrl: stack.urls.api,
    apiPid,
    redis,
    db,
    token: (sub) => signToken(env.JWT_SECRET, { sub }),
    run: `sse-bench-${Date.now()}`,
    clients: Number(values.clients),
    pings: Number(values.pings),
    pingRate: Number(values.rate),
    outbids: Number(values.outbids),
    outbidRate: Number(values['outbid-rate']),
  });
  console.log(JSON.stringify(report, null, 2));
} finally {
  redis.disconnect();
  await closeDb();
  await stack.stop();
}
