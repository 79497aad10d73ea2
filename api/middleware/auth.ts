/**
 * Bearer JWT (HS256, JWT_SECRET): `sub` is the user id (never a reserved one), `role` one of
 * buyer|seller|operator, `exp` required.
 */
import type { MiddlewareHandler } from 'hono';
import { jwtVerify, SignJWT } from 'jose';
import { ensureUser } from '../../db/queries/users.js';
import { isReservedUserId } from '../../domain/inboxes.js';
import { problem } from '../problem.js';
import type { AppEnv, AuthUser } from '../types.js';

const ROLES = new Set(['buyer', 'seller', 'operator']);

/**
 * A `sub` that can be a user id: at most 128 characters, none PostgreSQL cannot store or a log line
 * should not carry (control characters, unpaired surrogates), and not one of the platform's own
 * inboxes (domain/inboxes.ts), which would hand its notifications to whoever holds the token.
 */
function acceptableSub(sub: string): boolean {
  return sub.length <= 128 && !/[\p{Cc}\p{Cs}]/u.test(sub) && !isReservedUserId(sub);
}

/**
 * Verifies an HS256 token against `secrets` in turn: JWT_SECRET, then JWT_SECRET_PREVIOUS while a
 * rotation lets tokens signed before it run out. Throws on anything invalid.
 */
export async function verifyToken(
  secrets: readonly (string | undefined)[],
  token: string,
  options: { audience?: string } = {},
): Promise<AuthUser> {
  let lastError: unknown = new Error('no secret');
  for (const secret of secrets) {
    if (!secret) continue;
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
        ...(options.audience && { audience: options.audience }),
      });
      // API tokens carry no audience; a token minted for another use (a codec session) is not one.
      if (!options.audience && payload.aud !== undefined) throw new Error('token for another audience');
      const role = typeof payload.role === 'string' ? payload.role : 'buyer';
      if (!payload.sub || !acceptableSub(payload.sub) || !ROLES.has(role)) throw new Error('bad claims');
      return { id: payload.sub, role: role as AuthUser['role'] };
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

export function bearerAuth(secret: string, previousSecret?: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return problem(c, 'unauthorized', 'missing bearer token');
    let user: AuthUser;
    try {
      user = await verifyToken([secret, previousSecret], match[1]);
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
  claims: { sub: string; role?: AuthUser['role']; audience?: string },
  ttlSeconds = 24 * 3600,
) {
  const jwt = new SignJWT({ role: claims.role ?? 'buyer' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (claims.audience) jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
