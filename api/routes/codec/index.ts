/**
 * The codec server, mounted in the API under /codec (outside /v1: no idempotency keys, rate limits or
 * 64 KiB body cap, which suit writes, not a UI decoding a page of history). It shares the API's
 * process, JWT secrets and codec keys, so there is no extra service to run or keep in step. CORS lets
 * the Temporal UI's origins (CODEC_CORS_ORIGINS) call it with credentials.
 */
import type { PayloadCodec } from '@temporalio/common';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Env } from '../../../config/env.js';
import { problem } from '../../problem.js';
import type { App } from '../../types.js';
import { CODEC_PATH, codecOperator } from './operator.js';
import { registerPayloadRoutes } from './payloads.js';
import { registerSessionRoutes } from './session.js';

export { CODEC_PATH } from './operator.js';

export function registerCodecRoutes(app: App, env: Env, codec: PayloadCodec | undefined): void {
  app.use(
    `${CODEC_PATH}/*`,
    cors({
      origin: env.CODEC_CORS_ORIGINS,
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
      credentials: true,
      maxAge: 600,
    }),
  );
  app.use(
    `${CODEC_PATH}/*`,
    bodyLimit({
      maxSize: 8 * 1024 * 1024,
      onError: (c) => problem(c, 'payload_too_large', 'codec requests are limited to 8 MiB'),
    }),
  );
  app.use(`${CODEC_PATH}/encode`, codecOperator());
  app.use(`${CODEC_PATH}/decode`, codecOperator());
  registerPayloadRoutes(app, codec);
  registerSessionRoutes(app);
}
