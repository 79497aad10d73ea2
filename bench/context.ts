/**
 * The stack of the target being measured and the clients on it: one `BenchContext` per target, opened
 * by `openContext` on a fresh stack and passed to every phase.
 */
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { signToken } from '../api/middleware/auth.js';
import { dataConverterFor } from '../codec/data-converter.js';
import { type Env, loadEnv } from '../config/env.js';
import { temporalConnectionOptions } from '../config/temporal-connection.js';
import { createDb, type Db } from '../db/client.js';
import type { Stack } from '../scripts/stack/index.js';
import type { BenchOptions, Target } from './options.js';

export interface BenchContext {
  opts: BenchOptions;
  target: Target;
  stack: Stack;
  env: Env;
  db: Db;
  pg: ReturnType<typeof createDb>['sql'];
  redis: Redis;
  temporalSettings: ReturnType<typeof temporalConnectionOptions>;
  dataConverter: ReturnType<typeof dataConverterFor>;
  client: Client;
}

/** The clients on `stack`; `closers` collects what to close afterwards, in reverse. */
export async function openContext(
  opts: BenchOptions,
  target: Target,
  stack: Stack,
  closers: Array<() => Promise<void> | void>,
): Promise<BenchContext> {
  const env = loadEnv({ ...process.env, ...stack.env });
  const database = createDb(env.DATABASE_URL, { max: 10 });
  closers.push(database.close);
  const redis = new Redis(env.REDIS_URL);
  closers.push(() => redis.disconnect());
  const temporalSettings = temporalConnectionOptions(env);
  const connection = await Connection.connect(temporalSettings.client);
  closers.push(() => connection.close());
  // The stack's payload codec (workflow payloads are encrypted), here and on the baseline worker alike.
  const dataConverter = dataConverterFor(env.CODEC_KEYS);
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
  return {
    opts,
    target,
    stack,
    env,
    db: database.db,
    pg: database.sql,
    redis,
    temporalSettings,
    dataConverter,
    client,
  };
}

export class TokenCache {
  private readonly tokens = new Map<string, Promise<string>>();
  constructor(private readonly secret: string) {}
  for(sub: string): Promise<string> {
    let token = this.tokens.get(sub);
    if (!token) {
      token = signToken(this.secret, { sub });
      this.tokens.set(sub, token);
    }
    return token;
  }
}
