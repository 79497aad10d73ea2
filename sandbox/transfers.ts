/**
 * Transfers to connected accounts. Test destinations, like the test cards: `acct_invalid…` is refused
 * at once (400 account_invalid), `acct_fail…` settles as failed (account_closed), `acct_pending…`
 * stays pending until POST /_sandbox/transfers/:id/settle; any other `acct_…` settles as paid after
 * settleDelayMs. An account created by POST /v1/accounts takes transfers once onboarded.
 */
import type { Hono } from 'hono';
import { ApiError, currencyOf, newId, positiveAmount, type SandboxContext } from './context.js';
import type { Idempotent } from './idempotency.js';
import type { TransferRecord } from './store.js';

/** A pending transfer becomes paid, or failed with `failureCode`; the platform gets the webhook. */
export function settleTransfer(ctx: SandboxContext, transfer: TransferRecord, failureCode?: string): void {
  transfer.status = failureCode ? 'failed' : 'paid';
  if (failureCode) transfer.failure_code = failureCode;
  ctx.persist();
  ctx.webhooks.send(failureCode ? 'transfer.failed' : 'transfer.paid', transfer);
}

export function mountTransfers(app: Hono, ctx: SandboxContext, idempotent: Idempotent): void {
  const { state } = ctx;
  app.post('/v1/transfers', (c) =>
    idempotent(c, 'transfer', (body) => {
      const amount = positiveAmount(body.amount);
      const currency = currencyOf(body.currency);
      const destination = String(body.destination ?? '');
      if (!/^acct_\w+$/.test(destination))
        throw new ApiError(400, 'parameter_invalid', 'destination must be a connected account id');
      if (destination.startsWith('acct_invalid'))
        throw new ApiError(400, 'account_invalid', `account ${destination} cannot receive transfers`);
      // An account created here follows its onboarding: nothing moves before payouts are enabled.
      if (state.accounts?.[destination] && !state.accounts[destination].payouts_enabled)
        throw new ApiError(
          400,
          'transfers_not_allowed',
          `account ${destination} has not finished onboarding`,
        );
      const transfer: TransferRecord = {
        id: newId('tr'),
        destination,
        amount,
        currency,
        status: 'pending',
        metadata: (body.metadata as Record<string, string>) ?? {},
        created: Math.floor(Date.now() / 1000),
      };
      state.transfers[transfer.id] = transfer;
      const settlesAs =
        state.accounts?.[destination]?.settles_as ??
        (destination.startsWith('acct_pending')
          ? 'pending'
          : destination.startsWith('acct_fail')
            ? 'failed'
            : 'paid');
      if (settlesAs !== 'pending')
        ctx.later(ctx.settleDelayMs, () =>
          settleTransfer(ctx, transfer, settlesAs === 'failed' ? 'account_closed' : undefined),
        );
      return { status: 200, body: transfer };
    }),
  );

  app.get('/v1/transfers/:id', (c) => {
    const transfer = state.transfers[c.req.param('id')];
    if (!transfer) throw new ApiError(404, 'resource_missing', 'no such transfer');
    return c.json(transfer);
  });
}
