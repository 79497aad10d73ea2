/**
 * The local identity provider's process (scripts/stack/identity-provider.ts starts it): an OpenID
 * provider for `npm start` and the tests, never for production, where the API trusts a real one
 * (Auth0, Okta, Keycloak, Entra ID...) through JWT_JWKS_URL.
 */
import { startIdentityProvider } from './server.js';

const env = process.env;
const provider = await startIdentityProvider({
  port: Number(env.IDP_PORT ?? 0),
  ...(env.IDP_OTHER_ISSUER_PORT && { otherIssuerPort: Number(env.IDP_OTHER_ISSUER_PORT) }),
  testClientSecret: env.IDP_TEST_CLIENT_SECRET ?? '',
  ...(env.IDP_STATE_DIR && { stateDir: env.IDP_STATE_DIR }),
  ...(env.IDP_API_URL && { apiUrl: env.IDP_API_URL }),
});
if (!env.IDP_TEST_CLIENT_SECRET) throw new Error('IDP_TEST_CLIENT_SECRET is required');
console.log(
  JSON.stringify({
    msg: 'identity provider ready',
    issuer: provider.issuer,
    otherIssuer: provider.otherIssuer,
  }),
);

const stop = () => void provider.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
