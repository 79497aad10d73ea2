/**
 * PostgreSQL's text and jsonb hold neither NUL nor unpaired UTF-16 surrogates: a body carrying one
 * (as a character or a JSON escape) would fail at the INSERT as a 500. Refused up front as a 400.
 */
import type { MiddlewareHandler } from 'hono';
import { problem } from '../problem.js';
import type { AppEnv } from '../types.js';

// As JSON escapes; decoded UTF-8 never holds an unpaired surrogate character, but may hold a NUL.
const UNSTORABLE_ESCAPE =
  /\\u0000|\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i;

/** Whether a request body holds text PostgreSQL cannot store, raw or escaped. */
export const holdsUnstorableText = (body: string) => body.includes('\u0000') || UNSTORABLE_ESCAPE.test(body);

export function storableText(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (holdsUnstorableText(await c.req.text()))
      return problem(c, 'validation_failed', 'text must not contain NUL characters or unpaired surrogates');
    await next();
  };
}

/**
 * The same for the URL: a `%00` in a path segment or query value would reach a query as a NUL
 * (e.g. `?sellerId=%00` → 500). Refused for every method before any handler reads it.
 */
export function storableUrl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (/%00/i.test(c.req.url) || c.req.url.includes('\u0000'))
      return problem(c, 'validation_failed', 'the path and query must not contain NUL characters');
    await next();
  };
}
