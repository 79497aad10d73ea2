/**
 * What a verified token's claims say, whoever signed it (JWT_SECRET or an identity provider): who the
 * holder is (`sub`, `role`) and how they signed in (`amr`, `acr`, `auth_time`; domain/step-up.ts).
 */
import type { JWTPayload } from 'jose';
import { isReservedUserId } from '../../domain/inboxes.js';
import type { Login } from '../../domain/step-up.js';
import type { AuthUser } from '../types.js';

export interface Identity {
  user: AuthUser;
  login: Login;
}

const ROLES = new Set(['buyer', 'seller', 'operator']);

/**
 * A `sub` that can be a user id: at most 128 characters, none PostgreSQL cannot store or a log line
 * should not carry (control characters, unpaired surrogates), and not one of the platform's own
 * inboxes (domain/inboxes.ts), which would hand its notifications to whoever holds the token.
 */
function acceptableSub(sub: string): boolean {
  return sub.length <= 128 && !/[\p{Cc}\p{Cs}]/u.test(sub) && !isReservedUserId(sub);
}

/** The identity of a token whose signature, expiry and audience were checked; throws on bad claims. */
export function identityFromClaims(payload: JWTPayload): Identity {
  const role = typeof payload.role === 'string' ? payload.role : 'buyer';
  if (!payload.sub || !acceptableSub(payload.sub) || !ROLES.has(role)) throw new Error('bad claims');
  const amr = Array.isArray(payload.amr) ? payload.amr.filter((m) => typeof m === 'string') : [];
  return {
    user: { id: payload.sub, role: role as AuthUser['role'] },
    login: {
      amr,
      ...(typeof payload.acr === 'string' && { acr: payload.acr }),
      ...(typeof payload.auth_time === 'number' && { authTime: payload.auth_time }),
    },
  };
}
