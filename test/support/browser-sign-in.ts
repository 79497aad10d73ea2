/**
 * The local identity provider's sign-in driven as a browser would: the dev token page's authorization
 * code flow with PKCE, redirects followed by hand, cookies kept, forms posted, the TOTP code made
 * from the key the enrolment page shows (otpauth, as an authenticator app would). For the tests of
 * scripts/identity-provider/ and the e2e tests that want a token from a real sign-in.
 */
import { TOTP } from 'otpauth';

export interface BrowserSignIn {
  name: string;
  password: string;
  role?: 'buyer' | 'seller' | 'operator';
  /** Ask for the step-up login (acr_values with MFA_ACR): a TOTP code after the password. */
  mfa?: boolean;
  /** The account's TOTP key if it has one; otherwise the key the enrolment page shows is used. */
  totpKey?: string;
}

export interface SignedIn {
  token: string;
  /** The key enrolled at this sign-in, if it was the account's first multi-factor one. */
  enrolledKey?: string;
  /** The pages' text on the way, for tests that read what a person would see. */
  pages: string[];
}

export async function signInThroughBrowser(issuer: string, login: BrowserSignIn): Promise<SignedIn> {
  const jar = new Map<string, string>();
  const pages: string[] = [];
  const go = async (url: string | URL, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1)];
      if (!value || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  /** Follows redirects from `res` (at `from`) to the page it ends on. */
  const follow = async (res: Response, from: URL, accept = 'text/html') => {
    let url = from;
    while (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url);
      res = await go(url, { headers: { accept } });
    }
    return { res, url };
  };
  const post = (url: URL, form: Record<string, string>) =>
    go(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  const start = new URL(`/dev/token${login.mfa ? '?mfa=1' : ''}`, issuer);
  const signInPage = await follow(await go(start), start);
  pages.push(await signInPage.res.text());
  const interaction = signInPage.url;
  if (!interaction.pathname.startsWith('/interaction/')) throw new Error(`no sign-in page: ${interaction}`);

  let next = await post(new URL(`${interaction.pathname}/login`, issuer), {
    name: login.name,
    password: login.password,
    role: login.role ?? 'buyer',
  });
  let enrolledKey: string | undefined;
  if (login.mfa) {
    const codePage = await next.text();
    pages.push(codePage);
    enrolledKey = /Key: <code>([A-Z2-7]+)<\/code>/.exec(codePage)?.[1];
    const key = enrolledKey ?? login.totpKey;
    if (!key) throw new Error(`no TOTP key (the account has one; pass totpKey): ${codePage}`);
    const code = new TOTP({ secret: key }).generate();
    next = await post(new URL(`${interaction.pathname}/otp`, issuer), { code });
  }
  if (next.status !== 303 && next.status !== 302)
    throw new Error(`sign-in refused (${next.status}): ${await next.text()}`);
  // Back through the authorization endpoint to the dev client's callback, which answers the token.
  const done = await follow(next, interaction, 'application/json');
  const body = (await done.res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token at ${done.url}: ${JSON.stringify(body)}`);
  return { token: body.access_token, ...(enrolledKey && { enrolledKey }), pages };
}
