/**
 * The local identity provider, in this process: tokens the API's own verifier takes through the
 * provider's JWKS, the browser sign-in (code + PKCE, a TOTP code enrolled and then asked again), the
 * test-login grant kept to the test client, and key rotation that leaves earlier tokens valid.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../api/auth/token-verifier.js';
import { MFA_ACR, stepUpVerdict } from '../../domain/step-up.js';
import { signInThroughBrowser } from '../../test/support/browser-sign-in.js';
import { API_AUDIENCE, DEV_CLIENT_ID, OTHER_AUDIENCE, TEST_LOGIN_GRANT, testLoginToken } from './client.js';
import { type RunningIdentityProvider, startIdentityProvider } from './server.js';

const SECRET = 'test-client-secret-for-this-file';
let idp: RunningIdentityProvider;
let verify: ReturnType<typeof createTokenVerifier>;
const client = () => ({ issuer: idp.issuer, secret: SECRET });
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  idp = await startIdentityProvider({ port: 0, otherIssuerPort: 0, testClientSecret: SECRET });
  verify = createTokenVerifier({
    JWT_JWKS_URL: `${idp.issuer}/jwks`,
    JWT_ISSUER: idp.issuer,
    JWT_AUDIENCE: API_AUDIENCE,
    JWT_JWKS_COOLDOWN_MS: 0,
    JWT_SECRET: 'unused-here-0123456789abcdefghijklmnop',
    JWT_SECRET_PREVIOUS: undefined,
  });
});
afterAll(() => idp?.close());

describe('the local identity provider', () => {
  it('issues test-login tokens the API verifier takes, with role, amr, acr and auth_time', async () => {
    const plain = await verify(await testLoginToken(client(), { sub: 'alice', role: 'seller' }));
    expect(plain.user).toEqual({ id: 'alice', role: 'seller' });
    expect(plain.login.amr).toEqual(['pwd']);
    expect(stepUpVerdict(plain.login, 300, now())).toBe('single_factor');

    const stepUp = await verify(await testLoginToken(client(), { sub: 'alice', role: 'seller', mfa: true }));
    expect(stepUp.login).toEqual({ amr: ['pwd', 'otp', 'mfa'], acr: MFA_ACR, authTime: expect.any(Number) });
    expect(stepUpVerdict(stepUp.login, 300, now())).toBe('recent_multi_factor');

    const stale = await verify(await testLoginToken(client(), { sub: 'alice', mfa: true, ageSeconds: 600 }));
    expect(stepUpVerdict(stale.login, 300, now())).toBe('too_old');
  });

  it('keeps the test-login grant to the test client and to sane requests', async () => {
    const token = (body: Record<string, string>, auth?: string) =>
      fetch(`${idp.issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(auth && { authorization: `Basic ${Buffer.from(auth).toString('base64')}` }),
        },
        body: new URLSearchParams({ grant_type: TEST_LOGIN_GRANT, sub: 'mallory', ...body }),
      });
    // The public dev client (the browser sign-in's) may not use it; nor may a wrong secret.
    const dev = await token({ client_id: DEV_CLIENT_ID });
    expect(dev.status).toBe(400);
    expect(((await dev.json()) as { error_description: string }).error_description).toMatch(/not allowed/);
    expect((await token({}, 'escrowflow-test:wrong')).status).toBe(401);
    for (const bad of [
      { role: 'admin' } as Record<string, string>,
      { amr: 'pwd; drop' },
      { auth_age: '-5' },
      { resource: 'urn:nobody' },
    ]) {
      const res = await token(bad, `escrowflow-test:${SECRET}`);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    await expect(testLoginToken(client(), { sub: '' })).rejects.toThrow(/invalid_request/);
  });

  it('signs in through the browser: a password, then for step-up a TOTP code (enrolled once)', async () => {
    const name = `ada_${Date.now()}`;
    const first = await signInThroughBrowser(idp.issuer, {
      name,
      password: 'correct horse',
      role: 'operator',
    });
    const password = await verify(first.token);
    expect(password).toMatchObject({ user: { id: name, role: 'operator' }, login: { amr: ['pwd'] } });

    const enrolled = await signInThroughBrowser(idp.issuer, {
      name,
      password: 'correct horse',
      role: 'operator',
      mfa: true,
    });
    expect(enrolled.enrolledKey).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolled.pages.join()).toContain('otpauth://totp/');
    const stepUp = await verify(enrolled.token);
    expect(stepUp.login).toMatchObject({ amr: ['pwd', 'otp', 'mfa'], acr: MFA_ACR });
    expect(stepUpVerdict(stepUp.login, 300, now())).toBe('recent_multi_factor');
    expect(decodeJwt(enrolled.token)).toMatchObject({
      iss: idp.issuer,
      aud: API_AUDIENCE,
      client_id: DEV_CLIENT_ID,
    });

    // The next step-up asks for a code from the key enrolled, without showing it again.
    const again = await signInThroughBrowser(idp.issuer, {
      name,
      password: 'correct horse',
      role: 'operator',
      mfa: true,
      totpKey: enrolled.enrolledKey!,
    });
    expect(again.enrolledKey).toBeUndefined();
    expect((await verify(again.token)).login.amr).toContain('otp');
    // A wrong password is refused.
    await expect(
      signInThroughBrowser(idp.issuer, { name, password: 'wrong', role: 'operator' }),
    ).rejects.toThrow(/refused \(401\)/);
  });

  it('rotates its signing key: new tokens carry the new kid, earlier ones still verify', async () => {
    const before = await testLoginToken(client(), { sub: 'carol' });
    const kid = await idp.rotateKeys();
    const after = await testLoginToken(client(), { sub: 'carol' });
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(kid);
    expect((await verify(after)).user.id).toBe('carol');
    expect((await verify(before)).user.id).toBe('carol');
  });

  it('issues tokens the API refuses: another audience, another issuer with the same keys', async () => {
    await expect(
      verify(await testLoginToken(client(), { sub: 'dave', audience: OTHER_AUDIENCE })),
    ).rejects.toThrow(/aud/);
    const other = await testLoginToken({ issuer: idp.otherIssuer!, secret: SECRET }, { sub: 'dave' });
    expect(decodeProtectedHeader(other).kid).toBe(
      decodeProtectedHeader(await testLoginToken(client(), { sub: 'dave' })).kid,
    );
    await expect(verify(other)).rejects.toThrow(/iss/);
  });
});
