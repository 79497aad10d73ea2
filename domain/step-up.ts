/**
 * Step-up authentication (RFC 9470): which logins may perform a sensitive operation. A token says how
 * its holder signed in: `amr`, the methods (RFC 8176), and `auth_time`, when. A multi-factor method
 * in `amr`, used at most `maxAgeSeconds` ago, is a step-up; anything else is asked to log in again.
 */

/** RFC 8176 methods that make a login multi-factor: `mfa` itself, a one-time code, a hardware key. */
export const MULTI_FACTOR_AMR = ['mfa', 'otp', 'hwk'] as const;

/**
 * The `acr` a step-up challenge asks for unless STEP_UP_ACR_VALUES says otherwise: OpenID PAPE's
 * multi-factor policy, the value Auth0 and others use for step-up; the local identity provider
 * answers it with a TOTP login.
 */
export const MFA_ACR = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';

/** How the token's holder signed in, as its claims say. */
export interface Login {
  /** `amr`: the authentication methods used (RFC 8176), e.g. ["pwd"] or ["pwd", "otp", "mfa"]. */
  amr: readonly string[];
  /** `acr`: the authentication context class the identity provider says the login met. */
  acr?: string;
  /** `auth_time`: when the holder authenticated, in seconds since the epoch. */
  authTime?: number;
}

/** A clock ahead of ours by more than this makes an `auth_time` implausible, not recent. */
const CLOCK_SKEW_SECONDS = 60;

export type StepUpVerdict = 'recent_multi_factor' | 'single_factor' | 'too_old';

export function stepUpVerdict(login: Login, maxAgeSeconds: number, nowSeconds: number): StepUpVerdict {
  if (!login.amr.some((m) => (MULTI_FACTOR_AMR as readonly string[]).includes(m))) return 'single_factor';
  if (login.authTime === undefined) return 'too_old';
  const age = nowSeconds - login.authTime;
  return age <= maxAgeSeconds && age >= -CLOCK_SKEW_SECONDS ? 'recent_multi_factor' : 'too_old';
}
