/**
 * What the provider's access tokens say beyond `sub`, `exp`, `iss`, `aud`: the API's claims (docs/design.md
 * "Identity, step-up and privacy"): the user's `role`, and how they signed in (`amr`, `acr`, `auth_time`).
 */
import type { KoaContextWithOIDC, ResourceServer } from 'oidc-provider';
import type { Accounts, Role } from './accounts.js';

export interface LoginClaims {
  [claim: string]: unknown;
  role: Role;
  amr: string[];
  auth_time: number;
  acr?: string;
}

/** Access tokens are an hour long unless the test-login grant asks otherwise. */
const ACCESS_TOKEN_SECONDS = 3600;

/** Every resource the provider serves gets JWT access tokens (RFC 9068) signed RS256 by its key ring. */
export function resourceServerInfo(audience: string, ttlSeconds = ACCESS_TOKEN_SECONDS): ResourceServer {
  return {
    scope: 'api',
    audience,
    accessTokenFormat: 'jwt',
    accessTokenTTL: ttlSeconds,
    jwt: { sign: { alg: 'RS256' } },
  };
}

/**
 * oidc-provider's `extraTokenClaims`: the test-login grant's claims (kept by token), or those of the
 * browser sign-in whose authorization code is being exchanged, with the account's role.
 */
export function extraTokenClaims(claimsOf: WeakMap<object, LoginClaims>, accounts: Accounts) {
  return (ctx: KoaContextWithOIDC, token: object): LoginClaims | undefined => {
    const granted = claimsOf.get(token);
    if (granted) return granted;
    const code = ctx.oidc.entities.AuthorizationCode;
    if (!code?.accountId || code.authTime === undefined) return undefined;
    return {
      role: accounts.roleOf(code.accountId) ?? 'buyer',
      amr: code.amr ?? [],
      auth_time: code.authTime,
      ...(code.acr && { acr: code.acr }),
    };
  };
}
