/**
 * Connected accounts and their onboarding, as at Stripe Connect: an account is created restricted
 * (payouts disabled, details due); the seller completes the provider's hosted onboarding (here
 * `GET /_sandbox/onboarding/:id`, or `POST /_sandbox/accounts/:id/onboard` from tests) and the
 * platform hears of it by an `account.updated` webhook. Transfers to an account the sandbox knows
 * follow its state: refused while payouts are disabled.
 */
import type { Hono } from 'hono';
import { ApiError, newId, type SandboxContext } from './context.js';
import type { Idempotent } from './idempotency.js';
import type { AccountRecord } from './store.js';

const DUE = ['external_account', 'individual.verification.document', 'tos_acceptance.date'];

export function accountOr404(ctx: SandboxContext, id: string): AccountRecord {
  const account = ctx.state.accounts?.[id];
  if (!account) throw new ApiError(404, 'resource_missing', `no such account: ${id}`);
  return account;
}

export function mountAccounts(app: Hono, ctx: SandboxContext, idempotent: Idempotent): void {
  const { state } = ctx;
  app.post('/v1/accounts', (c) =>
    idempotent(c, 'account', (body) => {
      const account: AccountRecord = {
        id: newId('acct'),
        object: 'account',
        type: 'express',
        email: typeof body.email === 'string' ? body.email : null,
        payouts_enabled: false,
        charges_enabled: false,
        details_submitted: false,
        requirements: { currently_due: DUE, disabled_reason: 'requirements.past_due' },
        metadata: (body.metadata as Record<string, string>) ?? {},
        created: Math.floor(Date.now() / 1000),
      };
      state.accounts ??= {};
      state.accounts[account.id] = account;
      return { status: 200, body: account };
    }),
  );
  app.get('/v1/accounts/:id', (c) => c.json(accountOr404(ctx, c.req.param('id'))));
  // Account links are single-use at Stripe and take no idempotency key.
  app.post('/v1/account_links', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const account = accountOr404(ctx, String(body.account ?? ''));
    if (typeof body.return_url !== 'string' || typeof body.refresh_url !== 'string')
      throw new ApiError(400, 'parameter_missing', 'return_url and refresh_url are required');
    const origin = new URL(c.req.url).origin;
    return c.json({
      object: 'account_link',
      url: `${origin}/_sandbox/onboarding/${account.id}?return_url=${encodeURIComponent(body.return_url)}`,
      created: Math.floor(Date.now() / 1000),
      expires_at: Math.floor(Date.now() / 1000) + 300,
    });
  });

  /** The seller finished (or lost) onboarding: the account changes and the platform is told. */
  const onboard = (account: AccountRecord, payoutsEnabled: boolean) => {
    account.details_submitted = true;
    account.payouts_enabled = payoutsEnabled;
    account.charges_enabled = payoutsEnabled;
    account.requirements = payoutsEnabled
      ? { currently_due: [], disabled_reason: null }
      : { currently_due: ['individual.verification.document'], disabled_reason: 'requirements.past_due' };
    ctx.persist();
    ctx.webhooks.send('account.updated', account);
  };
  // The hosted onboarding page: opening it completes onboarding (a demo has no form to fill).
  app.get('/_sandbox/onboarding/:id', (c) => {
    const account = accountOr404(ctx, c.req.param('id'));
    onboard(account, true);
    const back = c.req.query('return_url');
    return back ? c.redirect(back) : c.json(account);
  });
  // Tests: `{payouts_enabled: false}` is a verification that failed (payouts disabled again);
  // `settles_as` picks the fate of transfers to the account, as the `acct_fail…` test ids do.
  app.post('/_sandbox/accounts/:id/onboard', async (c) => {
    const account = accountOr404(ctx, c.req.param('id'));
    const body = (await c.req.json().catch(() => ({}))) as {
      payouts_enabled?: boolean;
      settles_as?: AccountRecord['settles_as'];
    };
    if (body.settles_as && !['paid', 'failed', 'pending'].includes(body.settles_as))
      throw new ApiError(400, 'parameter_invalid', 'settles_as must be paid, failed or pending');
    if (body.settles_as) account.settles_as = body.settles_as;
    onboard(account, body.payouts_enabled !== false);
    return c.json(account);
  });
}
