/** `/_sandbox/*`: the test-control surface (faults, effects, records, chargebacks, settling). */
import type { Hono } from 'hono';
import { ApiError, intentOr404, newId, type SandboxContext } from './context.js';
import type { Faults } from './faults.js';
import type { Mailbox } from './mailbox.js';
import type { DisputeRecord } from './store.js';
import { settleTransfer } from './transfers.js';

export function mountControl(
  app: Hono,
  ctx: SandboxContext,
  faults: { set: (f: Partial<Faults>) => Faults; reset: () => Faults },
  mailbox: Pick<Mailbox, 'list'> | undefined,
): void {
  const { state } = ctx;
  // Emails the platform sent, as the sandbox's SMTP receiver got them; `?to=` filters by recipient.
  app.get('/_sandbox/mail', (c) =>
    mailbox
      ? c.json(mailbox.list(c.req.query('to')))
      : c.json({ error: 'no SMTP receiver: start the sandbox with SANDBOX_SMTP_PORT' }, 404),
  );
  app.get('/_sandbox/effects', (c) => c.json(state.effects));
  app.get('/_sandbox/faults', (c) => c.json(ctx.faults()));
  app.put('/_sandbox/faults', async (c) => c.json(faults.set((await c.req.json()) as Partial<Faults>)));
  app.post('/_sandbox/reset', (c) => c.json(faults.reset()));
  // A cardholder disputes a captured payment with their bank: the money goes back at once and the
  // platform hears of it by webhook (Stripe's charge.dispute.created), as with a real processor.
  // `amount` (minor units) is what the bank takes: all that is still held by default, or a part.
  app.post('/_sandbox/payment_intents/:id/chargeback', async (c) => {
    const intent = intentOr404(state, c.req.param('id'));
    const body = (await c.req.json().catch(() => ({}))) as { reason?: string; amount?: unknown };
    // The bank disputes only what the platform still holds: a refunded payment has nothing to take back.
    const disputable = intent.amount_captured - intent.amount_refunded - (intent.amount_disputed ?? 0);
    if (disputable <= 0)
      return c.json({ error: { type: 'invalid_request_error', code: 'nothing_to_dispute' } }, 409);
    const amount = body.amount ?? disputable;
    if (!Number.isSafeInteger(amount) || (amount as number) < 1 || (amount as number) > disputable)
      throw new ApiError(400, 'amount_invalid', `amount must be an integer from 1 to ${disputable}`);
    const chargeback: DisputeRecord = {
      id: newId('dp'),
      payment_intent: intent.id,
      amount: amount as number,
      currency: intent.currency,
      reason: body.reason ?? 'fraudulent',
      status: 'needs_response',
      metadata: intent.metadata,
      created: Math.floor(Date.now() / 1000),
    };
    intent.amount_disputed = (intent.amount_disputed ?? 0) + chargeback.amount;
    state.disputes ??= {};
    state.disputes[chargeback.id] = chargeback;
    ctx.persist();
    ctx.webhooks.send('charge.dispute.created', chargeback);
    return c.json(chargeback, 201);
  });
  // A transfer held at a test destination `acct_pending…` settles only when told to: the bank takes days,
  // and the platform hears of it by webhook (transfer.paid / transfer.failed), or sees it when polling.
  app.post('/_sandbox/transfers/:id/settle', async (c) => {
    const transfer = state.transfers[c.req.param('id')];
    if (!transfer) throw new ApiError(404, 'resource_missing', 'no such transfer');
    if (transfer.status !== 'pending')
      throw new ApiError(409, 'transfer_settled', `transfer is already ${transfer.status}`);
    const body = (await c.req.json().catch(() => ({}))) as { status?: string; failure_code?: string };
    if (body.status !== 'paid' && body.status !== 'failed')
      throw new ApiError(400, 'parameter_invalid', 'status must be paid or failed');
    settleTransfer(
      ctx,
      transfer,
      body.status === 'failed' ? (body.failure_code ?? 'account_closed') : undefined,
    );
    return c.json(transfer);
  });
  app.get('/_sandbox/records', (c) =>
    c.json({
      intents: Object.values(state.intents),
      refunds: Object.values(state.refunds),
      transfers: Object.values(state.transfers),
    }),
  );
}
