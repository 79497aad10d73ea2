/**
 * The test-login grant (client.ts TEST_LOGIN_GRANT): the test client names a user, their role and how
 * they signed in, and gets the access token that login would have given, issued and signed by the
 * provider like any other: one request, no browser. Only the test client may use it (its
 * `grant_types`), and only this dev/test provider has it.
 */
import Provider, { errors, type TokenEndpointGrantContext } from 'oidc-provider';
import { MFA_ACR } from '../../domain/step-up.js';
import { ROLES, type Role } from './accounts.js';
import { TEST_LOGIN_GRANT } from './client.js';
import { type LoginClaims, resourceServerInfo } from './login-claims.js';

const PARAMETERS = ['sub', 'role', 'amr', 'auth_age', 'ttl', 'resource'] as const;
type Params = Partial<Record<(typeof PARAMETERS)[number], string>>;

/** RFC 8176 method names, as a login could have used them. */
const AMR = /^(pwd|otp|mfa|hwk|swk|pin|fpt|face)( (pwd|otp|mfa|hwk|swk|pin|fpt|face))*$/;
const MAX_TTL_SECONDS = 24 * 3600;

export function registerTestLoginGrant(
  provider: Provider,
  options: { audiences: readonly string[]; claimsOf: WeakMap<object, LoginClaims> },
): void {
  provider.registerGrantType<Params>(
    TEST_LOGIN_GRANT,
    async (ctx: TokenEndpointGrantContext<Params>) => {
      const { sub, role = 'buyer', amr = 'pwd', auth_age = '0', ttl, resource } = ctx.oidc.params;
      if (!sub) throw new errors.InvalidRequest('sub is required');
      if (!ROLES.includes(role as Role))
        throw new errors.InvalidRequest('role must be buyer, seller or operator');
      if (!AMR.test(amr)) throw new errors.InvalidRequest('amr: space-separated RFC 8176 methods');
      const age = Number(auth_age);
      if (!Number.isInteger(age) || age < 0) throw new errors.InvalidRequest('auth_age: whole seconds ≥ 0');
      const lifetime = ttl === undefined ? undefined : Number(ttl);
      if (
        lifetime !== undefined &&
        !(Number.isInteger(lifetime) && lifetime > 0 && lifetime <= MAX_TTL_SECONDS)
      )
        throw new errors.InvalidRequest(`ttl: whole seconds, 1 to ${MAX_TTL_SECONDS}`);
      const audience = typeof resource === 'string' ? resource : options.audiences[0]!;
      if (!options.audiences.includes(audience)) throw new errors.InvalidTarget();

      const { AccessToken, ResourceServer } = ctx.oidc.provider;
      // No grant behind it: a test login has no consent to revoke, and JWT access tokens name none.
      const token = new AccessToken({
        accountId: sub,
        client: ctx.oidc.client,
        gty: TEST_LOGIN_GRANT,
      } as ConstructorParameters<typeof AccessToken>[0]);
      token.resourceServer = new ResourceServer(audience, resourceServerInfo(audience, lifetime));
      token.scope = 'api';
      const methods = amr.split(' ');
      const multiFactor = methods.some((m) => ['mfa', 'otp', 'hwk'].includes(m));
      options.claimsOf.set(token, {
        role: role as Role,
        amr: methods,
        auth_time: Math.floor(Date.now() / 1000) - age,
        ...(multiFactor && { acr: MFA_ACR }),
      });
      const value = await token.save();
      ctx.body = {
        access_token: value,
        token_type: 'Bearer',
        expires_in: token.expiration,
        scope: token.scope,
      };
    },
    [...PARAMETERS],
  );
}
