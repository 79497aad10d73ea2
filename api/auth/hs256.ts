/**
 * Tokens signed with the shared JWT_SECRET (HS256): the API's tokens when no identity provider is set
 * (local use, `npm run token`), and always the codec's session cookies (their own audience).
 */
import { jwtVerify, SignJWT } from 'jose';
import type { Login } from '../../domain/step-up.js';
import type { AuthUser } from '../types.js';
import { type Identity, identityFromClaims } from './claims.js';

/**
 * Verifies an HS256 token against `secrets` in turn: JWT_SECRET, then JWT_SECRET_PREVIOUS while a
 * rotation lets tokens signed before it run out. Throws on anything invalid.
 */
export async function verifyHs256(
  secrets: readonly (string | undefined)[],
  token: string,
  options: { audience?: string } = {},
): Promise<Identity> {
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
      return identityFromClaims(payload);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** The holder only: what the codec server asks of a token. */
export async function verifyToken(
  secrets: readonly (string | undefined)[],
  token: string,
  options: { audience?: string } = {},
): Promise<AuthUser> {
  return (await verifyHs256(secrets, token, options)).user;
}

/**
 * An HS256 token. `login` records how its holder signed in (`amr`, `acr`, `auth_time`): `npm run token
 * -- --mfa` makes a step-up token for local use.
 */
export async function signToken(
  secret: string,
  claims: { sub: string; role?: AuthUser['role']; audience?: string; login?: Login },
  ttlSeconds = 24 * 3600,
) {
  const { login } = claims;
  const jwt = new SignJWT({
    role: claims.role ?? 'buyer',
    ...(login && { amr: [...login.amr] }),
    ...(login?.acr && { acr: login.acr }),
    ...(login?.authTime !== undefined && { auth_time: login.authTime }),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (claims.audience) jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
