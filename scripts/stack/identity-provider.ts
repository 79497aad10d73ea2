/**
 * The local identity provider as a process of the stack (scripts/identity-provider/): with
 * `identity: 'provider'` the API takes its tokens through its JWKS (JWT_JWKS_URL, JWT_ISSUER,
 * JWT_AUDIENCE) instead of HS256 ones. `npm start` keeps its accounts and keys under the data
 * directory on a fixed port; a test run gets free ports, a second issuer sharing its keys, a
 * test client secret of its own and an API that refetches the JWKS at once for a new `kid`.
 * A JWT_JWKS_URL in the environment names the caller's own provider instead: none is started.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { API_AUDIENCE, DEV_TEST_CLIENT_SECRET, type TestClient } from '../identity-provider/client.js';
import { freePort, type Managed, waitFor } from './process.js';
import type { StackRun } from './servers.js';

/** `npm start`'s provider: http://127.0.0.1:4040 (the dev token page is there). */
export const DEV_IDENTITY_PORT = 4040;

export interface StackIdentity {
  issuer: string;
  /** Tests only: an issuer with the same keys whose tokens the API must refuse. */
  otherIssuer?: string;
  /** The test-login grant's client (client.ts): how tests and `npm run token` get tokens. */
  testClient: TestClient;
  ports: { main: number; other?: number };
}

/** The provider this run will start, or undefined (HS256 asked, or the caller's own provider named). */
export async function planIdentity(
  run: StackRun,
  asked: 'provider' | 'secret',
): Promise<StackIdentity | undefined> {
  if (asked !== 'provider' || run.outer.JWT_JWKS_URL) return undefined;
  const main = run.dev ? Number(run.outer.IDENTITY_PORT ?? DEV_IDENTITY_PORT) : await freePort();
  const other = run.dev ? undefined : await freePort();
  const issuer = `http://127.0.0.1:${main}`;
  return {
    issuer,
    ...(other && { otherIssuer: `http://127.0.0.1:${other}` }),
    testClient: { issuer, secret: run.dev ? DEV_TEST_CLIENT_SECRET : randomBytes(24).toString('base64url') },
    ports: { main, ...(other && { other }) },
  };
}

/** The API's settings for this provider's tokens. */
export function identityEnv(identity: StackIdentity, dev: boolean): Record<string, string> {
  return {
    JWT_JWKS_URL: `${identity.issuer}/jwks`,
    JWT_ISSUER: identity.issuer,
    JWT_AUDIENCE: API_AUDIENCE,
    // The key rotation test signs with a new key right after the API read the JWKS: no cooldown then.
    ...(!dev && { JWT_JWKS_COOLDOWN_MS: '0' }),
  };
}

export async function startIdentityProvider(
  run: StackRun,
  identity: StackIdentity,
  start: (entry: string, extra: Record<string, string>) => Managed,
  apiUrl: string,
): Promise<Managed> {
  const proc = start('scripts/identity-provider/main.ts', {
    IDP_PORT: String(identity.ports.main),
    ...(identity.ports.other && { IDP_OTHER_ISSUER_PORT: String(identity.ports.other) }),
    IDP_TEST_CLIENT_SECRET: identity.testClient.secret,
    IDP_API_URL: apiUrl,
    ...(run.dev && { IDP_STATE_DIR: join(run.dir, 'identity') }),
  });
  await waitFor('identity provider', () => discoveryServed(identity.issuer), {
    process: proc,
    logFile: join(run.logDir, 'identity-provider.log'),
  }).catch(async (err) => {
    await proc.stop('SIGKILL');
    throw err;
  });
  return proc;
}

async function discoveryServed(issuer: string): Promise<boolean> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(2000),
  });
  return res.ok && ((await res.json()) as { issuer?: string }).issuer === issuer;
}
