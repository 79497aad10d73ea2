/**
 * The dev token page (`npm start` prints it): the provider's own little client, so a person gets an API
 * token the way an app would — the authorization code flow with PKCE through the sign-in — and sees
 * what it says. `/dev/token` signs in with a password; `/dev/token?mfa=1` asks for the step-up the
 * API's sensitive operations want (acr_values, max_age: the API's challenge), with a TOTP code.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { MFA_ACR } from '../../domain/step-up.js';
import { DEV_CLIENT_ID } from './client.js';
import { escapeHtml, sendJson, sendPage } from './html.js';

/** What the API's step-up asks (STEP_UP_MAX_AGE_S's default): the provider signs in again if older. */
const STEP_UP_MAX_AGE = 300;

export function devTokenPages(issuer: string, apiUrl: string | undefined) {
  const redirectUri = `${issuer}/dev/callback`;
  /** PKCE verifiers by `state`, for the sign-ins under way. */
  const started = new Map<string, string>();

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/' || url.pathname === '/dev')
      return sendPage(res, 'escrowflow identity provider (dev)', home(issuer));
    if (url.pathname === '/dev/token') {
      const state = randomBytes(16).toString('base64url');
      const verifier = randomBytes(32).toString('base64url');
      started.set(state, verifier);
      const auth = new URL(`${issuer}/auth`);
      auth.search = new URLSearchParams({
        client_id: DEV_CLIENT_ID,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: redirectUri,
        state,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        ...(url.searchParams.get('mfa') === '1' && { acr_values: MFA_ACR, max_age: String(STEP_UP_MAX_AGE) }),
      }).toString();
      res.writeHead(303, { location: auth.toString() });
      return void res.end();
    }
    if (url.pathname === '/dev/callback') {
      const state = url.searchParams.get('state') ?? '';
      const verifier = started.get(state);
      started.delete(state);
      const code = url.searchParams.get('code');
      if (!verifier || !code)
        return sendPage(
          res,
          'No token',
          `<p class="error">${escapeHtml(url.searchParams.get('error_description') ?? 'unknown sign-in')}</p>`,
          400,
        );
      const answer = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: DEV_CLIENT_ID,
          code_verifier: verifier,
        }),
      });
      const body = (await answer.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token)
        return sendPage(res, 'No token', `<p class="error">${escapeHtml(body.error_description)}</p>`, 502);
      // Scripts driving the sign-in (test/e2e/identity.test.ts) ask for JSON.
      if (req.headers.accept?.includes('application/json'))
        return sendJson(res, 200, { access_token: body.access_token });
      return sendPage(res, 'Your API token', tokenPage(body.access_token, apiUrl));
    }
    return sendPage(res, 'Not found', '<p>Nothing here.</p>', 404);
  };
}

function home(issuer: string): string {
  return `<p>Sign in to get a token for the escrowflow API:</p>
<ul><li><a href="/dev/token">a token</a> (name and password)</li>
<li><a href="/dev/token?mfa=1">a step-up token</a> (name, password and a TOTP code): payouts, the payout account,
webhook endpoints, the notification email and operator decisions want one less than 5 minutes old</li></ul>
<p class="note">OpenID configuration: <a href="/.well-known/openid-configuration">${escapeHtml(issuer)}/.well-known/openid-configuration</a></p>`;
}

function tokenPage(token: string, apiUrl: string | undefined): string {
  const claims = decodeJwt(token);
  const curl = `curl -H "Authorization: Bearer ${token}" ${apiUrl ?? 'http://127.0.0.1:3000'}/v1/orders`;
  return `<textarea readonly>${escapeHtml(token)}</textarea>
<p>Claims:</p><pre>${escapeHtml(JSON.stringify(claims, null, 2))}</pre>
<p>Try it:</p><textarea readonly>${escapeHtml(curl)}</textarea>
<p><a href="/dev/token">another token</a> · <a href="/dev/token?mfa=1">a step-up token</a></p>`;
}
