/**
 * The provider's sign-in (oidc-provider's interactions): a name, a password and the role to play,
 * then, when the client asked for a multi-factor login (`acr_values` with MFA_ACR: the API's step-up
 * challenge), a TOTP code from an authenticator app, enrolled at the first one. The login's `amr`
 * and `acr` say which happened; the access token carries them to the API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { MFA_ACR } from '../../domain/step-up.js';
import { type Accounts, newTotpSecret, ROLES, type Role, totpOf } from './accounts.js';
import { escapeHtml, readForm, sendPage } from './html.js';

/** A signed-in name waiting for its TOTP code, by interaction (and the secret being enrolled, if so). */
interface PendingSecondFactor {
  accountId: string;
  enrolling?: string;
}

export function signInPages(accounts: Accounts, issuerLabel: string) {
  const pending = new Map<string, PendingSecondFactor>();

  const finish = (
    provider: Provider,
    req: IncomingMessage,
    res: ServerResponse,
    accountId: string,
    mfa: boolean,
  ) =>
    provider.interactionFinished(
      req,
      res,
      {
        login: {
          accountId,
          amr: mfa ? ['pwd', 'otp', 'mfa'] : ['pwd'],
          ...(mfa && { acr: MFA_ACR }),
          remember: true,
        },
      },
      { mergeWithLastSubmission: false },
    );

  return async function handle(provider: Provider, req: IncomingMessage, res: ServerResponse, path: string) {
    const details = await provider.interactionDetails(req, res);
    const { uid, prompt, params } = details;
    const action = path.split('/')[3];
    if (prompt.name !== 'login') {
      // The dev client's grant is made at sign-in (provider.ts loadExistingGrant): consent means a
      // grant lacking what is asked, which is given as asked.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: String(params.client_id) });
      const missing = prompt.details as {
        missingOIDCScope?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant!.addResourceScope(resource, scopes.join(' '));
      const grantId = await grant!.save();
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }
    const multiFactor = String(params.acr_values ?? '')
      .split(' ')
      .includes(MFA_ACR);

    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const name = form.get('name')?.trim() ?? '';
      const role = (form.get('role') ?? 'buyer') as Role;
      const password = form.get('password') ?? '';
      if (!name || !password || !ROLES.includes(role))
        return sendPage(
          res,
          'Sign in',
          signInForm(uid, multiFactor, 'Name, password and role are needed.'),
          400,
        );
      if (!accounts.signIn(name, password, role))
        return sendPage(res, 'Sign in', signInForm(uid, multiFactor, 'Wrong password for that name.'), 401);
      if (!multiFactor) return finish(provider, req, res, name, false);
      const enrolling = accounts.totpSecret(name) ? undefined : newTotpSecret();
      pending.set(uid, { accountId: name, ...(enrolling && { enrolling }) });
      return sendPage(res, 'Second factor', codeForm(uid, name, enrolling, issuerLabel));
    }

    if (req.method === 'POST' && action === 'otp') {
      const waiting = pending.get(uid);
      if (!waiting) return sendPage(res, 'Sign in', signInForm(uid, multiFactor, 'Sign in first.'), 400);
      const code = (await readForm(req)).get('code')?.replace(/\s/g, '') ?? '';
      const secret = waiting.enrolling ?? accounts.totpSecret(waiting.accountId)!;
      // window 1: the code before or after this one still counts (a clock a few seconds off).
      if (totpOf(secret, waiting.accountId, issuerLabel).validate({ token: code, window: 1 }) === null)
        return sendPage(
          res,
          'Second factor',
          codeForm(uid, waiting.accountId, waiting.enrolling, issuerLabel, 'That code is not valid now.'),
          401,
        );
      if (waiting.enrolling) accounts.enrollTotp(waiting.accountId, waiting.enrolling);
      pending.delete(uid);
      return finish(provider, req, res, waiting.accountId, true);
    }

    return sendPage(res, 'Sign in', signInForm(uid, multiFactor));
  };
}

function signInForm(uid: string, multiFactor: boolean, error?: string): string {
  return `${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<p class="note">The local identity provider: a name's first sign-in creates its account with that password.
${multiFactor ? 'This sign-in asks for a TOTP code next (a multi-factor login).' : ''}</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Name <input name="name" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<label>Role <select name="role">${ROLES.map((r) => `<option>${r}</option>`).join('')}</select></label>
<button>Sign in</button></form>`;
}

function codeForm(
  uid: string,
  name: string,
  enrolling: string | undefined,
  issuerLabel: string,
  error?: string,
): string {
  const enrolment = enrolling
    ? `<p>First multi-factor sign-in of <b>${escapeHtml(name)}</b>: add this key to an authenticator app
(or <code>oathtool --totp -b ${escapeHtml(enrolling)}</code>), then enter the code it shows.</p>
<p>Key: <code>${escapeHtml(enrolling)}</code><br>URI: <code>${escapeHtml(totpOf(enrolling, name, issuerLabel).toString())}</code></p>`
    : `<p>The code your authenticator app shows for <b>${escapeHtml(name)}</b>.</p>`;
  return `${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}${enrolment}
<form method="post" action="/interaction/${escapeHtml(uid)}/otp">
<label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required autofocus></label>
<button>Verify</button></form>`;
}
