/**
 * The route pattern a request matched (`/v1/orders/:id`), for span names and metric labels: never
 * the raw path, whose ids would make a series per order. Requests no route matched are `unmatched`.
 */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

export const UNMATCHED = 'unmatched';

export function routeLabel(c: Context): string {
  // Matched middleware has wildcard paths ('*', '/v1/*'); the route itself is the last path without one.
  return matchedRoutes(c).findLast((route) => !route.path.includes('*'))?.path ?? UNMATCHED;
}

/** A named parameter of the matched route, read from the path (middleware sees it after any handler). */
export function pathParam(c: Context, name: string): string | undefined {
  const at = routeLabel(c).split('/').indexOf(`:${name}`);
  if (at < 0) return undefined;
  const segment = c.req.path.split('/')[at];
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
