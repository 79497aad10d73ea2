/**
 * Rate limits per user and per client address, counted in the real Redis, on an API of its own with
 * small limits (the shared test API's limits are high: every test client is 127.0.0.1).
 */
import { type ServerType, serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { dataConverterFor } from '../../codec/data-converter.js';
import { loadEnv } from '../../config/env.js';
import { freePort } from '../../scripts/stack/process.js';
import { stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';

const USER_LIMIT = 5;
const IP_LIMIT = 12;
const { db, close } = testDb();
const servers: ServerType[] = [];
const redisClients: Redis[] = [];
let connection: Connection;

/** Serves a fresh app over HTTP; its Redis is a database index of its own on the stack's server. */
async function startApi(redisUrl: string, overrides: Record<string, string> = {}) {
  const env = loadEnv({
    ...stack().env,
    RATE_LIMIT_USER_PER_MINUTE: String(USER_LIMIT),
    RATE_LIMIT_IP_PER_MINUTE: String(IP_LIMIT),
    ...overrides,
  });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => {});
  redisClients.push(redis);
  const temporal = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(env.CODEC_KEYS),
  });
  const app = createApp({ db, redis, temporal, env, log: pino({ level: 'silent' }) });
  const port = await freePort();
  servers.push(serve({ fetch: app.fetch, hostname: '127.0.0.1', port }));
  return `http://127.0.0.1:${port}`;
}

const redisDb = (index: number) => `${stack().env.REDIS_URL}/${index}`;

beforeAll(async () => {
  connection = await Connection.connect({ address: stack().env.TEMPORAL_ADDRESS });
  const flush = new Redis(redisDb(9));
  await flush.flushdb();
  flush.disconnect();
});
afterAll(async () => {
  for (const server of servers) server.close();
  for (const redis of redisClients) redis.disconnect();
  await connection.close();
  await close();
});

async function get(base: string, user?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/v1/listings`, {
    headers: { ...headers, ...(user && { authorization: `Bearer ${await tokenFor(user)}` }) },
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('rate limits', () => {
  it('limits each user, answering 429 problem+json with Retry-After', async () => {
    const base = await startApi(redisDb(9), { TRUSTED_PROXY_HOPS: '1' });
    const client = { 'x-forwarded-for': '198.51.100.1' };
    const user = uniqueUser('busy');
    const remaining: string[] = [];
    for (let i = 0; i < USER_LIMIT; i++) {
      const res = await get(base, user, client);
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await get(base, user, client);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.body).toMatchObject({ code: 'rate_limited', status: 429 });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another user from the same address is not held back by the first one.
    expect((await get(base, uniqueUser('calm'), client)).status).toBe(200);
  });

  it('limits each client address, bad tokens included, and a forged X-Forwarded-For does not escape it', async () => {
    const base = await startApi(redisDb(9), { TRUSTED_PROXY_HOPS: '1' });
    // Our one proxy appends the real peer last; what the client wrote before it is not trusted.
    const from = (forged: string) => ({ 'x-forwarded-for': `${forged}, 203.0.113.7` });
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT; i++) {
      statuses.push((await get(base, i % 2 ? uniqueUser('ip') : undefined, from(`10.0.0.${i}`))).status);
    }
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(statuses).toContain(401);
    const limited = await get(base, uniqueUser('fresh'), from('10.9.9.9'));
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toContain('per ip');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another address still gets through.
    expect((await get(base, uniqueUser('elsewhere'), { 'x-forwarded-for': '203.0.113.8' })).status).toBe(200);
  });

  it('without trusted proxies the socket address counts and X-Forwarded-For is ignored', async () => {
    const flush = new Redis(redisDb(10));
    await flush.flushdb();
    flush.disconnect();
    const base = await startApi(redisDb(10));
    for (let i = 0; i < IP_LIMIT; i++) {
      await get(base, undefined, { 'x-forwarded-for': `192.0.2.${i}` });
    }
    const limited = await get(base, uniqueUser('spoofer'), { 'x-forwarded-for': '192.0.2.200' });
    expect(limited.status).toBe(429);
  });

  it('lets requests through when Redis does not answer', async () => {
    const deadPort = await freePort();
    const base = await startApi(`redis://127.0.0.1:${deadPort}`);
    const user = uniqueUser('unlimited');
    for (let i = 0; i < USER_LIMIT + 2; i++) expect((await get(base, user)).status).toBe(200);
  });
});
