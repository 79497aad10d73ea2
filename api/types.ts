import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import type { Db } from '../db/client.js';
import type { Login } from '../domain/step-up.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import type { ApiMetrics } from './metrics.js';

export interface ApiDeps {
  db: Db;
  redis: Redis;
  temporal: Client;
  env: Env;
  log: Logger;
  /** The app's Prometheus series; createApp makes a registry of its own when absent. */
  metrics?: ApiMetrics;
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
    /** How `user` signed in, as the token says (`amr`, `acr`, `auth_time`): what step-up checks. */
    login: Login;
    /** The app's bearer token verifier (api/auth/token-verifier.ts), made once per app. */
    verifyToken: TokenVerifier;
    deps: ApiDeps;
    metrics: ApiMetrics;
    /** The client's address (api/middleware/client-ip.ts), honouring TRUSTED_PROXY_HOPS. */
    clientIp: string;
    /** The order a request concerns when its handler knows it (a created order), for the request log line. */
    orderId?: string;
  };
}

export type App = OpenAPIHono<AppEnv>;
