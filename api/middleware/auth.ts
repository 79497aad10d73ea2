/** Bearer JWT (HS256, JWT_SECRET): `sub` is the user id, `role` one of buyer|seller|operator, `exp` required. */
import type { MiddlewareHandler } from 'hono';
import { jwtVerify, SignJWT } from 'jose';
import { ensureUser } from '../../db/queries/users.js';
import { problem } from '../problem.js';
import type { AppEnv, AuthUser } from '../types.js';

const ROLES = new Set(['buyer', 'seller', 'operator']);

export function bearerAuth(secret: string): MiddlewareHandler<AppEnv> {
  const key = new TextEncoder().encode(secret);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return problem(c, 'unauthorized', 'missing bearer token');
    let user: AuthUser;
    try {
      const { payload } = await jwtVerify(match[1], key, {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
      });
      const role = typeof payload.role === 'string' ? payload.role : 'buyer';
      if (!payload.sub || payload.sub.length > 128 || !ROLES.has(role)) throw new Error('bad claims');
      user = { id: payload.sub, role: role as AuthUser['role'] };
    } catch {
      return problem(c, 'unauthorized', 'invalid or expired bearer token');
    }
    await ensureUser(c.var.deps.db, user.id, user.role === 'operator' ? 'operator' : 'buyer');
    c.set('user', user);
    c.set('log', c.var.log.child({ userId: user.id }));
    await next();
  };
}

export async function signToken(
  secret: string,
  claims: { sub: string; role?: AuthUser['role'] },
  ttlSeconds = 24 * 3600,
) {
  return new SignJWT({ role: claims.role ?? 'buyer' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
