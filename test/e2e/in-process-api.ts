/**
 * The API served from the test's own process (createApp over HTTP on 127.0.0.1) against the stack's
 * PostgreSQL, Redis and Temporal, with settings of its own (TRUSTED_PROXY_HOPS, ...) or a Temporal
 * client a test wraps (one whose start fails). Not a test file: the e2e tests that need it import it.
 */
import { type ServerType, serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createApp } from '../../api/app.js';
import { dataConverterFor } from '../../codec/data-converter.js';
import { loadEnv } from '../../config/env.js';
import { freePort } from '../../scripts/stack/process.js';
import { stack, testDb } from '../support/stack.js';

export interface InProcessApi {
  url: string;
  /** The real client the app's Temporal client is made from (for reading workflows). */
  temporal: Client;
  close(): Promise<void>;
}

export async function inProcessApi(
  options: { env?: Record<string, string>; temporal?: (real: Client) => Client } = {},
): Promise<InProcessApi> {
  const env = loadEnv({ ...stack().env, ...options.env });
  const { db, close: closeDb } = testDb();
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(env.CODEC_KEYS),
  });
  const app = createApp({
    db,
    redis,
    temporal: options.temporal ? options.temporal(temporal) : temporal,
    env,
    log: pino({ level: 'silent' }),
  });
  const port = await freePort();
  const server: ServerType = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}`,
    temporal,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      redis.disconnect();
      await connection.close();
      await closeDb();
    },
  };
}
