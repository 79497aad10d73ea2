/**
 * `tsx bench/sse.ts [--clients 5000] [--pings 500] [--rate 50]`: GET /v1/events at a marketplace's
 * scale on one API process of a fresh stack. Opens `clients` streams (one user each), then sends
 * `pings` notifications at `rate` a second to users picked at random, the way the notify activity
 * does (store, then publish), and reports: Redis connections (total and the API's SSE subscribers),
 * the API process's RSS before and with the streams open, and the delay from storing a notification
 * to its event parsed at the client (p50/p99), with the machine's load average.
 */
import { setMaxListeners } from 'node:events';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { notificationChannel } from '../activities/deps.js';
import { signToken } from '../api/middleware/auth.js';
import { parseEventStream } from '../client/sse.js';
import { loadEnv } from '../config/env.js';
import { createDb } from '../db/client.js';
import { notifications } from '../db/schema/index.js';
import { startStack } from '../scripts/stack/index.js';
import { round2, say } from './options.js';
import { memoryMiB } from './proc.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    pings: { type: 'string', default: '500' },
    rate: { type: 'string', default: '50' },
  },
});
const clients = Number(values.clients);
const pings = Number(values.pings);
const rate = Number(values.rate);

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
const controller = new AbortController();
setMaxListeners(0, controller.signal); // one abort listener per stream
try {
  const apiPid = stack.processes.api?.child.pid;
  if (!apiPid) throw new Error('the stack started no API process of its own');
  const connections = async () => {
    const lines = ((await redis.client('LIST')) as string).trim().split('\n');
    return {
      total: lines.length,
      sseSubscribers: lines.filter((l) => / name=escrowflow-sse-/.test(l)).length,
    };
  };
  const before = { redis: await connections(), apiRssMiB: round2(memoryMiB(apiPid).rss) };

  // Each ping's send time by notification id; the client that parses it records the delay.
  const sentAt = new Map<number, number>();
  const delays: number[] = [];
  const run = `sse-bench-${Date.now()}`;
  const users = Array.from({ length: clients }, (_, i) => `${run}-u${i}`);
  let opened = 0;
  const openStream = async (user: string) => {
    const token = await signToken(env.JWT_SECRET, { sub: user });
    const res = await fetch(`${stack.urls.api}/v1/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`GET /v1/events answered ${res.status}`);
    opened++;
    void (async () => {
      try {
        for await (const event of parseEventStream(res.body!)) {
          const sent = sentAt.get(Number(event.id));
          if (sent !== undefined) delays.push(performance.now() - sent);
        }
      } catch {
        // aborted at the end
      }
    })();
  };
  say(`opening ${clients} SSE streams on ${stack.urls.api}`);
  for (let i = 0; i < users.length; i += 250) await Promise.all(users.slice(i, i + 250).map(openStream));
  const open = { redis: await connections(), apiRssMiB: round2(memoryMiB(apiPid).rss) };

  say(`sending ${pings} notifications at ${rate}/s`);
  const started = performance.now();
  for (let i = 0; i < pings; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const userId = users[Math.floor(Math.random() * users.length)]!;
    const t0 = performance.now();
    const [row] = await db
      .insert(notifications)
      .values({ dedupeKey: `${run}-${i}`, userId, type: 'bench.ping', payload: {} })
      .returning();
    sentAt.set(row!.id, t0);
    await redis.publish(notificationChannel(userId), JSON.stringify(row));
  }
  const deadline = performance.now() + 10_000;
  while (delays.length < pings && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const sorted = [...delays].sort((a, b) => a - b);
  const pct = (p: number) =>
    round2(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);
  const report = {
    clients: opened,
    redisConnections: { before: before.redis, withStreamsOpen: open.redis },
    apiRssMiB: {
      before: before.apiRssMiB,
      withStreamsOpen: open.apiRssMiB,
      peak: round2(memoryMiB(apiPid).peak),
    },
    notificationToClientMs: {
      received: delays.length,
      sent: pings,
      p50: pct(50),
      p99: pct(99),
      max: pct(100),
    },
    loadAverage: loadavg().map(round2),
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  controller.abort();
  redis.disconnect();
  await closeDb();
  await stack.stop();
}
