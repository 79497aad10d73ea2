import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { Db } from '../db/client.js';

export interface ApiDeps {
  db: Db;
  redis: Redis;
  temporal: Client;
  env: Env;
  log: Logger;
}

export interface AuthUser {
  id: string;
  role: 'buyer' | 'seller' | 'operator';
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    user: AuthUser;
    deps: ApiDeps;
  };
}

export type App = OpenAPIHono<AppEnv>;
