/**
 * The API's token verifier against an identity provider's JWKS served over HTTP here (jose's remote key
 * set, as in production): RS256 and ES256 keys, rotation by `kid`, the cooldown between fetches, the
 * issuer and audience checks, and what JWKS mode refuses outright (HS256, `alg: none`, HS256 keyed
 * with the provider's public key).
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATOR_INBOX } from '../../domain/inboxes.js';
import { signToken } from './hs256.js';
import { createTokenVerifier, isKeySetFailure } from './token-verifier.js';

const ISSUER = 'https://id.example.test';
const AUDIENCE = 'urn:escrowflow:api';
const SECRET = 'dev-only-jwt-secret-change-me-0123456789';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, alg, privateKey, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

/** The provider's JWKS endpoint: publishes `published`, counts fetches. */
let published: SigningKey[] = [];
let fetches = 0;
let server: Server;
let jwksUrl: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => vi.useRealTimers());

const verifier = (overrides: { JWT_JWKS_COOLDOWN_MS?: number; JWT_JWKS_URL?: string } = {}) =>
  createTokenVerifier({
    JWT_JWKS_URL: jwksUrl,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    JWT_JWKS_COOLDOWN_MS: 0,
    JWT_SECRET: SECRET,
    JWT_SECRET_PREVIOUS: undefined,
    ...overrides,
  });

const now = () => Math.floor(Date.now() / 1000);

/** An access token as a provider signs it; `claims` replace the usual ones. */
function providerToken(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
) {
  return new SignJWT({
    sub: 'auth0|alice',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    exp: now() + 600,
    role: 'seller',
    amr: ['pwd', 'otp', 'mfa'],
    auth_time: now(),
    acr: 'mfa-acr',
    ...claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header })
    .sign(key.privateKey);
}

describe('identity provider tokens (JWKS mode)', () => {
  it('takes RS256 and ES256 tokens of the JWKS, with who and how they signed in', async () => {
    const rsa = await newKey('RS256');
    const ec = await newKey('ES256');
    published = [rsa, ec];
    const verify = verifier();
    for (const key of [rsa, ec]) {
      expect(await verify(await providerToken(key))).toEqual({
        user: { id: 'auth0|alice', role: 'seller' },
        login: { amr: ['pwd', 'otp', 'mfa'], acr: 'mfa-acr', authTime: expect.any(Number) },
      });
    }
    // A token without role, amr or auth_time: a buyer who signed in somehow, never a step-up.
    const plain = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: rsa.kid })
      .setSubject('bob')
      .setIssuer(ISSUER)
      .setAudience([AUDIENCE, 'another'])
      .setExpirationTime('5m')
      .sign(rsa.privateKey);
    expect(await verify(plain)).toEqual({ user: { id: 'bob', role: 'buyer' }, login: { amr: [] } });
  });

  it('takes a rotated key (a new kid) by fetching the JWKS again, and keeps taking the old one', async () => {
    const first = await newKey('RS256');
    published = [first];
    const verify = verifier();
    fetches = 0;
    const before = await providerToken(first);
    await verify(before);
    expect(fetches).toBe(1);
    await verify(await providerToken(first));
    expect(fetches).toBe(1); // cached

    const next = await newKey('RS256');
    published = [next, first];
    expect((await verify(await providerToken(next))).user.id).toBe('auth0|alice');
    expect(fetches).toBe(2);
    expect((await verify(before)).user.id).toBe('auth0|alice');
    // Once the provider stops publishing a key, and the cache runs out (10 minutes), its tokens fail.
    published = [next];
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    await expect(verify(await providerToken(first))).rejects.toThrow();
  });

  it('asks the JWKS again for an unknown kid only once the cooldown has passed', async () => {
    const first = await newKey('ES256');
    published = [first];
    const verify = verifier({ JWT_JWKS_COOLDOWN_MS: 30_000 });
    await verify(await providerToken(first));
    const next = await newKey('ES256');
    published = [first, next];
    fetches = 0;
    // Within the cooldown a token with an unknown kid is refused without a fetch (no amplification).
    await expect(verify(await providerToken(next))).rejects.toThrow(/no applicable key/i);
    expect(fetches).toBe(0);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 });
    expect((await verify(await providerToken(next))).user.id).toBe('auth0|alice');
    expect(fetches).toBe(1);
  });
});

describe('identity provider tokens (JWKS mode): what is refused', () => {
  it('refuses another issuer, another audience, expired tokens and keys outside the JWKS', async () => {
    const key = await newKey('RS256');
    const stranger = await newKey('RS256');
    published = [key];
    const verify = verifier();
    const refused: Record<string, Promise<string>> = {
      'another issuer': providerToken(key, { iss: 'https://tenant-b.example.test' }),
      'another audience': providerToken(key, { aud: 'urn:another-api' }),
      expired: providerToken(key, { exp: now() - 60 }),
      'no exp': new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setSubject('x')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .sign(key.privateKey),
      'a key not in the JWKS': providerToken(stranger),
      'a known kid, signed by another key': providerToken(stranger, {}, { kid: key.kid }),
      'an inbox of the platform as sub': providerToken(key, { sub: OPERATOR_INBOX }),
      'an unknown role': providerToken(key, { role: 'admin' }),
    };
    for (const [what, token] of Object.entries(refused))
      await expect(verify(await token), what).rejects.toThrow();
  });

  it('refuses HS256 tokens (even signed with JWT_SECRET), alg none and HS256 keyed with the public key', async () => {
    const key = await newKey('RS256');
    published = [key];
    const verify = verifier();
    fetches = 0;
    const hs256 = await signToken(SECRET, {
      sub: 'alice',
      role: 'operator',
      login: { amr: ['mfa'], authTime: now() },
    });
    await expect(verify(hs256)).rejects.toThrow(/alg/i);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const claims = { sub: 'alice', iss: ISSUER, aud: AUDIENCE, exp: now() + 600 };
    await expect(verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)).rejects.toThrow();
    // The classic confusion: the RSA public key (PEM) used as an HMAC secret.
    const pem = createPublicKey({ key: key.publicJwk as JsonWebKey, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    }) as string;
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .sign(new TextEncoder().encode(pem));
    await expect(verify(confused)).rejects.toThrow(/alg/i);
    expect(fetches).toBe(0); // refused on its header: the JWKS is not even asked
  });

  it('says when the JWKS cannot be read (worth a log line), unlike a bad token', async () => {
    const verify = verifier({ JWT_JWKS_URL: 'http://127.0.0.1:9/jwks' });
    const key = await newKey('RS256');
    const failure = await verify(await providerToken(key)).catch((err: unknown) => err);
    expect(isKeySetFailure(failure)).toBe(true);
    published = [key];
    const bad = await verifier()(await providerToken(key, { aud: 'x' })).catch((err: unknown) => err);
    expect(isKeySetFailure(bad)).toBe(false);
  });
});

describe('HS256 tokens (no JWT_JWKS_URL)', () => {
  it('takes tokens signed with JWT_SECRET, with their login claims (npm run token -- --mfa)', async () => {
    const verify = verifier({ JWT_JWKS_URL: undefined as unknown as string });
    const authTime = now();
    const token = await signToken(SECRET, {
      sub: 'alice',
      role: 'seller',
      login: { amr: ['pwd', 'otp', 'mfa'], acr: 'mfa-acr', authTime },
    });
    expect(await verify(token)).toEqual({
      user: { id: 'alice', role: 'seller' },
      login: { amr: ['pwd', 'otp', 'mfa'], acr: 'mfa-acr', authTime },
    });
    const key = await newKey('RS256');
    await expect(verify(await providerToken(key))).rejects.toThrow();
  });
});
