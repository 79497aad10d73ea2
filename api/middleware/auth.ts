/**
 * Bearer tokens on /v1: verified by the app's verifier (api/auth/token-verifier.ts: an identity
 * provider's JWKS, or HS256 with JWT_SECRET), then let in by admitUser (api/auth/admit-user.ts).
 * Sets `user` (`sub`, `role`) and `login` (`amr`, `acr`, `auth_time`: what step-up reads).
 */
import type { MiddlewareHandler } from 'hono';
import { admitUser } from '../auth/admit-user.js';
import type { Identity } from '../auth/claims.js';
import { isKeySetFailure } from '../auth/token-verifier.js';
import { problem } from '../problem.js';
import type { AppEnv } from '../types.js';

// Scripts, the bench and tests mint and check HS256 tokens through these.
export { signToken, verifyToken } from '../auth/hs256.js';

export function bearerAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return problem(c, 'unauthorized', 'missing bearer token');
    let identity: Identity;
    try {
      identity = await c.var.verifyToken(match[1]);
    } catch (err) {
      if (isKeySetFailure(err)) c.var.log.error({ err }, 'identity provider keys unavailable');
      return problem(c, 'unauthorized', 'invalid or expired bearer token');
    }
    const refused = await admitUser(c, identity.user);
    if (refused) return refused;
    c.set('user', identity.user);
    c.set('login', identity.login);
    c.set('log', c.var.log.child({ userId: identity.user.id }));
    await next();
  };
}
