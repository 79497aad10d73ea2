/**
 * Every request header the API reads (api/schemas.ts REQUEST_HEADERS) is checked against its schema
 * here, once, before the middlewares and handlers that use it: a value the schema refuses is a 400 (or
 * the 412 its schema names), never a database error deeper down. A request body that is not JSON is a
 * 415 here too, before a route's own header checks could answer 400 first.
 */
import type { MiddlewareHandler } from 'hono';
import { problem, validationProblem } from '../problem.js';
import { JSON_MEDIA_TYPE, REQUEST_HEADERS } from '../schemas.js';
import type { AppEnv } from '../types.js';

export function wellFormedHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, schema] of Object.entries(REQUEST_HEADERS)) {
      const value = c.req.header(name);
      if (value === undefined) continue;
      const result = schema.safeParse(value);
      if (!result.success) return validationProblem(c, result.error.issues, name);
    }
    const type = c.req.header('content-type');
    if (hasBody(c.req.raw) && !(type && JSON_MEDIA_TYPE.test(type)))
      return problem(c, 'unsupported_media_type', 'send the request body as application/json');
    await next();
  };
}

function hasBody(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const length = req.headers.get('content-length');
  return length !== null ? length !== '0' : req.headers.has('transfer-encoding');
}
