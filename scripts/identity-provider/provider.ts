/**
 * One oidc-provider instance (panva/node-oidc-provider, OpenID Certified) for an issuer: clients,
 * keys, JWT access tokens for the API's audience, the sign-in's interaction policy and the
 * test-login grant. main.ts makes a new one when the keys rotate; they share the memory adapter
 * (sessions, interactions) and the cookie keys, so nothing in flight is lost.
 */
import Provider, { type Configuration, errors, interactionPolicy } from 'oidc-provider';
import { MFA_ACR } from '../../domain/step-up.js';
import type { Accounts } from './accounts.js';
import { DEV_CLIENT_ID, TEST_CLIENT_ID, TEST_LOGIN_GRANT } from './client.js';
import type { KeyRing } from './keys.js';
import { extraTokenClaims, type LoginClaims, resourceServerInfo } from './login-claims.js';
import { registerTestLoginGrant } from './test-login-grant.js';

export interface ProviderSettings {
  keys: KeyRing;
  accounts: Accounts;
  /** The resources tokens may be for, the API's first (the default). */
  audiences: readonly string[];
  testClientSecret: string;
  cookieKeys: string[];
}

export function createProvider(issuer: string, settings: ProviderSettings): Provider {
  const [apiAudience] = settings.audiences;
  const claimsOf = new WeakMap<object, LoginClaims>();
  const configuration: Configuration = {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${issuer}/dev/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: TEST_CLIENT_ID,
        client_secret: settings.testClientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: [TEST_LOGIN_GRANT],
        redirect_uris: [],
        response_types: [],
      },
    ],
    jwks: { keys: settings.keys.privateKeys as NonNullable<Configuration['jwks']>['keys'] },
    cookies: { keys: settings.cookieKeys },
    acrValues: [MFA_ACR],
    claims: { openid: ['sub'] },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiAudience!,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (!settings.audiences.includes(resource)) throw new errors.InvalidTarget();
          return resourceServerInfo(resource);
        },
      },
    },
    extraTokenClaims: extraTokenClaims(claimsOf, settings.accounts),
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy: signInPolicy() },
    // The dev client is the platform's own: its sign-ins need no consent screen.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const known = session.grantIdFor(client.clientId);
      if (known) return ctx.oidc.provider.Grant.find(known);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid');
      grant.addResourceScope(apiAudience!, 'api');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    ttl: {
      // Each resource's own (login-claims.ts; the test-login grant may ask for another).
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600,
      AuthorizationCode: 60,
      Grant: 8 * 3600,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
    },
  };
  const provider = new Provider(issuer, configuration);
  registerTestLoginGrant(provider, { audiences: settings.audiences, claimsOf });
  return provider;
}

/**
 * oidc-provider's default prompts, plus: a request whose `acr_values` asks for a multi-factor login
 * (a client answering the API's step-up challenge) signs in again unless the session already is one.
 */
function signInPolicy() {
  const { base, Check } = interactionPolicy;
  const policy = base();
  policy.get('login')!.checks.add(
    new Check('multi_factor', 'a multi-factor login is required', (ctx) => {
      const asked = String(ctx.oidc.params?.acr_values ?? '')
        .split(' ')
        .includes(MFA_ACR);
      return asked && ctx.oidc.acr !== MFA_ACR && !ctx.oidc.result?.login
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT;
    }),
  );
  return policy;
}
