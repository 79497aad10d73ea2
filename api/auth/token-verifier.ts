/**
 * The API's bearer tokens, one verifier per app (it holds the identity provider's keys):
 * - with JWT_JWKS_URL, an identity provider's RS256/ES256 tokens. Its keys come from its JWKS,
 *   chosen by the token's `kid`, kept for 10 minutes and fetched again at once for a `kid` not
 *   among them (the provider rotated), at most once per JWT_JWKS_COOLDOWN_MS (jose's remote key set).
 *   `iss` and `aud` must be JWT_ISSUER and JWT_AUDIENCE; an HS256 token is refused, whatever it says;
 * - without it, HS256 tokens signed with JWT_SECRET (or JWT_SECRET_PREVIOUS while rotating).
 */
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Env } from '../../config/env.js';
import { type Identity, identityFromClaims } from './claims.js';
import { verifyHs256 } from './hs256.js';

export type TokenVerifier = (token: string) => Promise<Identity>;

/** The signatures an identity provider's tokens may carry (asymmetric only: no shared secret). */
export const PROVIDER_ALGORITHMS = ['RS256', 'ES256'];

/** Keys are used this long before the JWKS is fetched again (a removed key stops working then). */
const JWKS_MAX_AGE_MS = 10 * 60_000;

export function createTokenVerifier(
  env: Pick<
    Env,
    | 'JWT_JWKS_URL'
    | 'JWT_ISSUER'
    | 'JWT_AUDIENCE'
    | 'JWT_JWKS_COOLDOWN_MS'
    | 'JWT_SECRET'
    | 'JWT_SECRET_PREVIOUS'
  >,
): TokenVerifier {
  if (!env.JWT_JWKS_URL) return (token) => verifyHs256([env.JWT_SECRET, env.JWT_SECRET_PREVIOUS], token);
  const keys = createRemoteJWKSet(new URL(env.JWT_JWKS_URL), {
    cooldownDuration: env.JWT_JWKS_COOLDOWN_MS,
    cacheMaxAge: JWKS_MAX_AGE_MS,
    timeoutDuration: 5_000,
  });
  return providerTokenVerifier(keys, { issuer: env.JWT_ISSUER!, audience: env.JWT_AUDIENCE! });
}

/** Tokens signed by a key `keys` yields, naming `issuer` and `audience`. */
export function providerTokenVerifier(
  keys: JWTVerifyGetKey,
  expected: { issuer: string; audience: string },
): TokenVerifier {
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: PROVIDER_ALGORITHMS,
      issuer: expected.issuer,
      audience: expected.audience,
      requiredClaims: ['sub', 'exp'],
    });
    return identityFromClaims(payload);
  };
}

/** The provider's keys could not be read (down, slow, not a JWKS): worth a log line, unlike a bad token. */
export function isKeySetFailure(err: unknown): boolean {
  return (
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid ||
    (err instanceof errors.JOSEError && err.code === 'ERR_JOSE_GENERIC') ||
    (err instanceof TypeError && /fetch/i.test(err.message))
  );
}
