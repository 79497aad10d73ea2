/**
 * The API's OpenAPI document as the API serves it, built without a running stack: createApp only reads
 * its dependencies when a request arrives, and the document needs none.
 */
import pino from 'pino';
import { createApp } from '../api/app.js';
import type { ApiDeps } from '../api/types.js';
import { loadEnv } from '../config/env.js';

export async function apiDocument(): Promise<Record<string, unknown>> {
  const unused = {} as never;
  const deps: ApiDeps = {
    db: unused,
    redis: unused,
    temporal: unused,
    env: loadEnv({}),
    log: pino({ level: 'silent' }),
  };
  const res = await createApp(deps).request('/openapi.json');
  if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}
