/** Helpers for tests against the running stack: database handle, tokens, an HTTP client. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDb } from '../../db/client.js';
import { testLoginToken } from '../../scripts/identity-provider/client.js';

export const stack = () => inject('stack');

/** A user id no other test uses. */
export const uniqueUser = (label: string) => `${label}_${randomUUID().slice(0, 8)}`;

export function testDb() {
  return createDb(stack().env.DATABASE_URL!, { max: 4 });
}

/** The stack's identity provider's test-login client (scripts/identity-provider/client.ts). */
export const identityClient = () => ({
  issuer: stack().identity.issuer,
  secret: stack().identity.testClientSecret,
});

const tokens = new Map<string, { token: string; until: number }>();

/**
 * A token from the stack's identity provider for `sub`, as if they had just signed in with a password
 * and a TOTP code (amr pwd, otp, mfa), so that step-up operations pass; `mfa: false` for a password
 * only (the step-up tests). Kept per user, role and login while comfortably valid (a multi-factor one
 * a minute, as step-up wants it recent), since every api() call asks for one.
 */
export async function tokenFor(
  sub: string,
  role: 'buyer' | 'seller' | 'operator' = 'buyer',
  options: { mfa?: boolean } = {},
): Promise<string> {
  const mfa = options.mfa !== false;
  const key = `${sub}\n${role}\n${mfa}`;
  const kept = tokens.get(key);
  if (kept && kept.until > Date.now()) return kept.token;
  const token = await testLoginToken(identityClient(), { sub, role, mfa });
  tokens.set(key, { token, until: Date.now() + (mfa ? 60_000 : 30 * 60_000) });
  return token;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the API as `user` (a token from tokenFor: a step-up one unless `mfa: false`). */
export async function api<T = any>(
  method: string,
  path: string,
  options: {
    user?: string;
    role?: 'buyer' | 'seller' | 'operator';
    mfa?: boolean;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.user)
    headers.authorization = `Bearer ${await tokenFor(options.user, options.role, { mfa: options.mfa !== false })}`;
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
