/**
 * Who may use the codec server: operators only. Either `Authorization: Bearer <API token>` (the CLI,
 * scripts, tests) or the HttpOnly session cookie set by /codec/session (the Temporal UI, which sends
 * cookies when "include cross-origin credentials" is on but cannot attach our bearer token).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { verifyToken } from '../../middleware/auth.js';
import { problem } from '../../problem.js';
import type { AppEnv, AuthUser } from '../../types.js';

export const CODEC_PATH = '/codec';
export const SESSION_COOKIE = 'escrowflow_codec';
/** The audience of session tokens: they open the codec server and nothing else. */
export const SESSION_AUDIENCE = 'escrowflow-codec';

export function codecOperator(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { env } = c.var.deps;
    const secrets = [env.JWT_SECRET, env.JWT_SECRET_PREVIOUS];
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const session = getCookie(c, SESSION_COOKIE);
    if (!bearer && !session)
      return problem(c, 'unauthorized', 'operator token or codec session required (see /codec/session)');
    let user: AuthUser;
    try {
      // An API token as the API takes it (an identity provider's, or HS256); a session is always ours.
      user = bearer
        ? (await c.var.verifyToken(bearer)).user
        : await verifyToken(secrets, session!, { audience: SESSION_AUDIENCE });
    } catch {
      return problem(c, 'unauthorized', 'invalid or expired operator token or codec session');
    }
    if (user.role !== 'operator') return problem(c, 'forbidden', 'the codec server is for operators only');
    c.set('user', user);
    c.set('log', c.var.log.child({ userId: user.id }));
    await next();
  };
}
