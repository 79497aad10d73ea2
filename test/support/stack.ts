/** Helpers for tests against the running stack: database handle, tokens, an HTTP client. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { signToken } from '../../api/middleware/auth.js';
import { createDb } from '../../db/client.js';

export const stack = () => inject('stack');

/** A user id no other test uses. */
export const uniqueUser = (label: string) => `${label}_${randomUUID().slice(0, 8)}`;

export function testDb() {
  return createDb(stack().env.DATABASE_URL!, { max: 4 });
}

export async function tokenFor(
  sub: string,
  role: 'buyer' | 'seller' | 'operator' = 'buyer',
): Promise<string> {
  return signToken(stack().env.JWT_SECRET ?? 'dev-only-jwt-secret-change-me-0123456789', { sub, role });
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the API as `user` (a token is minted per call). */
export async function api<T = any>(
  method: string,
  path: string,
  options: {
    user?: string;
    role?: 'buyer' | 'seller' | 'operator';
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user) headers.authorization = `Bearer ${await tokenFor(options.user, options.role)}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  } else if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(stack().apiUrl + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** Polls until `check` returns a value; no fixed sleeps. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
