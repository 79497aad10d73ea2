/**
 * Talking to the local identity provider from outside it (tests, `npm start`, `npm run token`): its
 * clients, the API's audience, and the test-login grant that makes a token for any user at once.
 * Plain fetch, nothing of oidc-provider: `npm run token` ships in the image and imports this.
 */

/** People sign in through the browser with it (authorization code + PKCE): the dev token page. */
export const DEV_CLIENT_ID = 'escrowflow-dev';
/** The only client the test-login grant is open to (client_secret_basic). */
export const TEST_CLIENT_ID = 'escrowflow-test';
/** The test client's secret in `npm start`'s provider (tests make one per run). */
export const DEV_TEST_CLIENT_SECRET = 'dev-only-identity-test-client-secret';
/**
 * A token for the user named in the request, as if they had just signed in (a password, or a
 * password and a TOTP code): the provider signs it as any other. ADR 13 says why tests use it.
 */
export const TEST_LOGIN_GRANT = 'urn:escrowflow:params:oauth:grant-type:test-login';

/** The API's resource indicator (RFC 8707): the `aud` of its tokens, JWT_AUDIENCE. */
export const API_AUDIENCE = 'urn:escrowflow:api';
/** Another API the provider issues tokens for: its tokens are not the escrowflow API's. */
export const OTHER_AUDIENCE = 'urn:escrowflow:another-api';

export interface TestClient {
  /** The provider's issuer URL (its token endpoint is `${issuer}/token`). */
  issuer: string;
  secret: string;
}

export interface TestLogin {
  sub: string;
  role?: 'buyer' | 'seller' | 'operator';
  /** A password and a TOTP code (amr pwd, otp, mfa) rather than a password only. */
  mfa?: boolean;
  /** How long ago the login happened (auth_time), in seconds: 0, now. */
  ageSeconds?: number;
  /** The resource the token is for (default the API's). */
  audience?: string;
  /** Lifetime of the token in seconds (default an hour). */
  ttlSeconds?: number;
}

export async function testLoginToken(client: TestClient, login: TestLogin): Promise<string> {
  const body = new URLSearchParams({
    grant_type: TEST_LOGIN_GRANT,
    sub: login.sub,
    role: login.role ?? 'buyer',
    amr: login.mfa ? 'pwd otp mfa' : 'pwd',
    auth_age: String(login.ageSeconds ?? 0),
    resource: login.audience ?? API_AUDIENCE,
    ...(login.ttlSeconds !== undefined && { ttl: String(login.ttlSeconds) }),
  });
  const res = await fetch(`${client.issuer}/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(client), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const answer = (await res.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !answer.access_token)
    throw new Error(
      `identity provider: ${res.status} ${answer.error ?? ''} ${answer.error_description ?? ''}`,
    );
  return answer.access_token;
}

/** Rotates the provider's signing key (a new `kid` signs from now on); answers the new kid. */
export async function rotateSigningKey(client: TestClient): Promise<string> {
  const res = await fetch(`${client.issuer}/dev/rotate-keys`, {
    method: 'POST',
    headers: { authorization: basicAuth(client) },
  });
  if (!res.ok) throw new Error(`identity provider: key rotation answered ${res.status}`);
  return ((await res.json()) as { kid: string }).kid;
}

const basicAuth = (client: TestClient) =>
  `Basic ${Buffer.from(`${encodeURIComponent(TEST_CLIENT_ID)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
