/**
 * The operator's sign-in for the Temporal UI. The UI cannot attach our bearer token to its codec
 * calls, but it can send cookies ("include cross-origin credentials"). So an operator trades an API
 * token for a codec session here: an HttpOnly, SameSite=Strict cookie scoped to /codec, holding a
 * short JWT whose audience opens the codec server and nothing else. The UI and the API must be on the
 * same site (127.0.0.1:8233 and 127.0.0.1:3000 are; localhost and 127.0.0.1 are not).
 *
 * GET /codec/session (a form) · POST /codec/session (bearer header, form or JSON `token`) ·
 * POST /codec/session/end and DELETE /codec/session (sign out).
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { decodeJwt } from 'jose';
import { signToken } from '../../middleware/auth.js';
import { problem } from '../../problem.js';
import type { App, AppEnv, AuthUser } from '../../types.js';
import { CODEC_PATH, SESSION_AUDIENCE, SESSION_COOKIE } from './operator.js';
import { page, SESSION_PATH } from './session-page.js';

const MAX_SESSION_SECONDS = 8 * 3600;

export function registerSessionRoutes(app: App): void {
  app.get(SESSION_PATH, (c) =>
    c.html(page(c, 'Paste an operator token to let this browser decode payloads.')),
  );

  app.post(SESSION_PATH, async (c) => {
    const form = isForm(c);
    if (!sameSiteRequest(c)) return problem(c, 'forbidden', 'sign-in from another site is refused');
    const token = await tokenFrom(c);
    let user: AuthUser;
    try {
      if (!token) throw new Error('no token');
      ({ user } = await c.var.verifyToken(token));
    } catch {
      return form
        ? c.html(page(c, 'That token is invalid or expired.'), 401)
        : problem(c, 'unauthorized', 'a valid operator API token is required');
    }
    if (user.role !== 'operator')
      return form
        ? c.html(page(c, 'Only operators may decode payloads.'), 403)
        : problem(c, 'forbidden', 'the codec server is for operators only');
    const tokenExp = decodeJwt(token!).exp ?? 0;
    const ttl = Math.min(MAX_SESSION_SECONDS, tokenExp - Math.floor(Date.now() / 1000));
    const session = await signToken(
      c.var.deps.env.JWT_SECRET,
      { sub: user.id, role: 'operator', audience: SESSION_AUDIENCE },
      ttl,
    );
    setCookie(c, SESSION_COOKIE, session, {
      path: CODEC_PATH,
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c),
      maxAge: ttl,
    });
    const expiresAt = new Date(Date.now() + ttl * 1000).toISOString();
    c.var.log.info({ operator: user.id, expiresAt }, 'codec session opened');
    return form
      ? c.html(page(c, `Signed in as ${user.id} until ${expiresAt}.`))
      : c.json({ operator: user.id, expiresAt });
  });

  const end = (c: Context<AppEnv>) => {
    deleteCookie(c, SESSION_COOKIE, { path: CODEC_PATH, secure: isHttps(c) });
    return isForm(c) ? c.html(page(c, 'Signed out.')) : c.body(null, 204);
  };
  app.delete(SESSION_PATH, end);
  app.post(`${SESSION_PATH}/end`, end);
}

const isForm = (c: Context) =>
  (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded');

const isHttps = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** A browser's POST carries Origin: it must be this server or an allowed UI origin (no login CSRF). */
function sameSiteRequest(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  if (c.var.deps.env.CODEC_CORS_ORIGINS.includes(origin)) return true;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

async function tokenFrom(c: Context): Promise<string | undefined> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer) return bearer;
  if (isForm(c)) {
    const value = (await c.req.parseBody()).token;
    return typeof value === 'string' ? value.trim() || undefined : undefined;
  }
  const body = (await c.req.json().catch(() => ({}))) as { token?: unknown };
  return typeof body.token === 'string' ? body.token.trim() || undefined : undefined;
}
