/**
 * Tokens from the stack's identity provider (scripts/identity-provider/, oidc-provider), the API in
 * JWKS mode: its tokens are taken, HS256 ones refused; a token from another issuer (sharing the keys,
 * as a multi-tenant provider's tenants do) or for another audience gets 401; the provider's key
 * rotation mid-run is picked up without restarting the API; a real browser sign-in with a TOTP code
 * gives the step-up a sensitive operation wants.
 */
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { signToken } from '../../api/middleware/auth.js';
import { OPERATOR_INBOX } from '../../domain/inboxes.js';
import { MFA_ACR } from '../../domain/step-up.js';
import { OTHER_AUDIENCE, rotateSigningKey, testLoginToken } from '../../scripts/identity-provider/client.js';
import { signInThroughBrowser } from '../support/browser-sign-in.js';
import { api, identityClient, stack, uniqueUser } from '../support/stack.js';

const withToken = (token: string) =>
  api('GET', '/v1/orders', { headers: { authorization: `Bearer ${token}` } });

describe('identity provider tokens', () => {
  it('takes the provider’s tokens and refuses HS256 ones, even signed with JWT_SECRET', async () => {
    expect(stack().env.JWT_JWKS_URL).toBe(`${stack().identity.issuer}/jwks`);
    const sub = uniqueUser('idp');
    expect((await withToken(await testLoginToken(identityClient(), { sub }))).status).toBe(200);
    const hs256 = await signToken(stack().env.JWT_SECRET ?? 'dev-only-jwt-secret-change-me-0123456789', {
      sub,
      role: 'operator',
      login: { amr: ['pwd', 'otp', 'mfa'], authTime: Math.floor(Date.now() / 1000) },
    });
    const refused = await withToken(hs256);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('unauthorized');
  });

  it('refuses a token of another issuer with the same keys, or for another audience (401)', async () => {
    const sub = uniqueUser('idp');
    const otherIssuer = await testLoginToken(
      { ...identityClient(), issuer: stack().identity.otherIssuer },
      { sub },
    );
    const ours = await testLoginToken(identityClient(), { sub });
    expect(decodeProtectedHeader(otherIssuer).kid).toBe(decodeProtectedHeader(ours).kid);
    const otherAudience = await testLoginToken(identityClient(), { sub, audience: OTHER_AUDIENCE });
    for (const [what, token] of [
      ['another issuer', otherIssuer],
      ['another audience', otherAudience],
    ]) {
      const res = await withToken(token!);
      expect(res.status, what).toBe(401);
      expect(res.body.code, what).toBe('unauthorized');
    }
  });

  it('refuses claims the API never takes, though the provider signed them: an inbox or an overlong sub', async () => {
    for (const sub of [OPERATOR_INBOX, 'x'.repeat(200)]) {
      const res = await withToken(await testLoginToken(identityClient(), { sub, role: 'operator' }));
      expect(res.status, sub).toBe(401);
    }
  });

  it('takes a token signed with a rotated key (new kid) without restarting the API; earlier ones still pass', async () => {
    const sub = uniqueUser('rotation');
    const before = await testLoginToken(identityClient(), { sub });
    expect((await withToken(before)).status).toBe(200);
    const apiPid = stack().pids.api!;
    const kid = await rotateSigningKey(identityClient());
    const after = await testLoginToken(identityClient(), { sub });
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(kid);
    expect((await withToken(after)).status).toBe(200);
    expect((await withToken(before)).status).toBe(200);
    // The same API process all along: it found the new key in the provider's JWKS by itself.
    expect(() => process.kill(apiPid, 0)).not.toThrow();
    expect(stack().pids.api).toBe(apiPid);
  });

  it('a real sign-in with a TOTP code gives the step-up a sensitive operation wants; a password alone does not', async () => {
    const name = uniqueUser('browser');
    const change = (token: string) =>
      api('PUT', '/v1/me/notification-preferences', {
        headers: { authorization: `Bearer ${token}` },
        body: { email: `${name}@example.com` },
      });
    const password = await signInThroughBrowser(stack().identity.issuer, { name, password: 'pw-1' });
    const refused = await change(password.token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('step_up_required');
    // The client does what the challenge says: signs in again asking acr_values (the dev page does).
    expect(refused.headers.get('www-authenticate')).toContain(`acr_values="${MFA_ACR}"`);
    const stepUp = await signInThroughBrowser(stack().identity.issuer, { name, password: 'pw-1', mfa: true });
    const done = await change(stepUp.token);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.email).toBe(`${name}@example.com`);
  });
});
