/**
 * The client's address, derived once per request into `c.var.clientIp`: what the per-IP rate limit
 * and the fraud screen's per-IP velocity both count, so the two cannot disagree about who is asking.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.js';

export function clientAddress(trustedProxyHops: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('clientIp', clientIp(c, trustedProxyHops));
    await next();
  };
}

/**
 * The socket's peer, or with `trustedProxyHops` > 0 the address that many hops from the right of
 * X-Forwarded-For (the entries our own proxies appended; the rest can be forged). `unknown` when the
 * app is not served by @hono/node-server (app.request in unit tests).
 */
export function clientIp(c: Context<AppEnv>, trustedProxyHops: number): string {
  if (trustedProxyHops > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const candidate = hops[hops.length - trustedProxyHops];
    if (candidate) return candidate;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The address as a fraud signal: loopback (local runs, a client on the proxy's host) and `unknown` say
 * nothing about the buyer, so they are left out rather than counted for everyone.
 */
export function buyerAddress(clientIp: string): string | undefined {
  if (clientIp === 'unknown' || clientIp === '::1' || clientIp === '::ffff:127.0.0.1') return undefined;
  if (clientIp.startsWith('127.')) return undefined;
  return clientIp;
}
