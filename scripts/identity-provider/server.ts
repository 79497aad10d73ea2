/**
 * The local identity provider as an HTTP server: oidc-provider for one issuer (optionally a second
 * issuer sharing its keys, as a multi-tenant provider's tenants do, for the API's issuer check),
 * the sign-in pages, the dev token page and, for tests, key rotation. Rotating makes new provider
 * instances with the new key ring and swaps them in; the servers keep listening.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { Accounts } from './accounts.js';
import { API_AUDIENCE, OTHER_AUDIENCE, TEST_CLIENT_ID } from './client.js';
import { devTokenPages } from './dev-token-page.js';
import { sendJson } from './html.js';
import { KeyRing } from './keys.js';
import { createProvider } from './provider.js';
import { signInPages } from './sign-in.js';

export interface IdentityProviderOptions {
  host?: string;
  /** 0: any free port. */
  port: number;
  /** A second issuer on this port, with the same keys and clients (tests of the API's `iss` check). */
  otherIssuerPort?: number;
  testClientSecret: string;
  /** Accounts and keys are kept here (`npm start`); in memory without it. */
  stateDir?: string;
  /** Where the dev token page's curl points. */
  apiUrl?: string;
}

/** One issuer: its server, and the provider instance serving it (replaced when the keys rotate). */
interface Issuer {
  issuer: string;
  server: Server;
  provider: Provider;
  handler: ReturnType<Provider['callback']>;
}

export interface RunningIdentityProvider {
  issuer: string;
  otherIssuer?: string;
  rotateKeys(): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityProvider(
  options: IdentityProviderOptions,
): Promise<RunningIdentityProvider> {
  const host = options.host ?? '127.0.0.1';
  const keys = await KeyRing.open(options.stateDir && `${options.stateDir}/keys.json`);
  const accounts = new Accounts(options.stateDir && `${options.stateDir}/accounts.json`);
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const settings = {
    keys,
    accounts,
    audiences: [API_AUDIENCE, OTHER_AUDIENCE],
    testClientSecret: options.testClientSecret,
    cookieKeys,
  };

  const build = (issuer: string) => {
    const provider = createProvider(issuer, settings);
    return { provider, handler: provider.callback() };
  };
  const issuers: Issuer[] = [];
  const rotateKeys = async () => {
    const kid = await keys.rotate();
    for (const entry of issuers) Object.assign(entry, build(entry.issuer));
    return kid;
  };

  const listen = async (port: number): Promise<Issuer> => {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
    const entry: Issuer = { issuer, server, ...build(issuer) };
    const signIn = signInPages(accounts, 'escrowflow (dev)');
    const devPages = devTokenPages(issuer, options.apiUrl);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', issuer);
      const handled = url.pathname.startsWith('/interaction/')
        ? signIn(entry.provider, req, res, url.pathname)
        : url.pathname === '/dev/rotate-keys' && req.method === 'POST'
          ? rotation(req, res)
          : url.pathname === '/' || url.pathname.startsWith('/dev')
            ? devPages(req, res, url)
            : entry.handler(req, res);
      Promise.resolve(handled).catch((err: unknown) => {
        console.error(err);
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
        else res.end();
      });
    });
    issuers.push(entry);
    return entry;
  };

  /** Tests only: the test client's credentials rotate the keys. */
  const rotation = async (req: IncomingMessage, res: ServerResponse) => {
    const expected = `Basic ${Buffer.from(`${TEST_CLIENT_ID}:${encodeURIComponent(options.testClientSecret)}`).toString('base64')}`;
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
      return sendJson(res, 401, { error: 'invalid_client' });
    sendJson(res, 200, { kid: await rotateKeys() });
  };

  const main = await listen(options.port);
  const other = options.otherIssuerPort === undefined ? undefined : await listen(options.otherIssuerPort);
  return {
    issuer: main.issuer,
    ...(other && { otherIssuer: other.issuer }),
    rotateKeys,
    async close() {
      await Promise.all(
        issuers.map(
          ({ server }) => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
        ),
      );
    },
  };
}
