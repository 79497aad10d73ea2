/**
 * POST /v1/payouts: pays out the available balance (or part of it). The Idempotency-Key names the
 * payout, so a retried request starts nothing new.
 */

import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { newId } from '../../../db/new-id.js';
import { accountBalance } from '../../../db/queries/ledger.js';
import { insertPayout, payoutAccountStateOf } from '../../../db/queries/payouts.js';
import { DomainError } from '../../../domain/errors.js';
import { accounts, payoutWorkflowId } from '../../../domain/ids.js';
import { PAYOUT_WORKFLOW, type PayoutInput } from '../../../domain/payout.js';
import { payoutSearchAttributes } from '../../../domain/search-attributes.js';
import { TASK_QUEUES } from '../../../domain/task-queues.js';
import type { payoutWorkflow } from '../../../workflows/payout.js';
import { Amount, Currency, IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { Payout, payoutJson } from './shape.js';

const Body = z.object({ currency: Currency, amount: Amount.optional() }).strict();

const route = createRoute({
  method: 'post',
  path: '/v1/payouts',
  tags: ['payouts'],
  summary: 'Pay out my available balance in a currency (all of it unless amount is given)',
  request: {
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    202: { description: 'Payout started', content: { 'application/json': { schema: Payout } } },
    409: problemResponse('Payouts not enabled, below the minimum, or more than available'),
  },
});

export function registerCreatePayout(app: App): void {
  app.openapi(route, async (c) => {
    const { currency, amount: requested } = c.req.valid('json');
    const { db, temporal, env } = c.var.deps;
    const sellerId = c.var.user.id;
    const { accountId: destination, payoutsEnabled } = await payoutAccountStateOf(db, sellerId);
    if (!destination)
      throw new DomainError(
        'invalid_state',
        'payouts are not enabled: create a payout account first (POST /v1/sellers/me/payout-account)',
        { reason: 'payouts_disabled' },
      );
    // The provider has not cleared the seller (KYC, bank account): nothing may move to the account yet.
    if (!payoutsEnabled)
      throw new DomainError(
        'invalid_state',
        'payouts are not enabled yet: finish onboarding at the payment provider (POST /v1/sellers/me/payout-account for a new link)',
        { reason: 'onboarding_incomplete', accountId: destination },
      );
    const available = await accountBalance(db, accounts.sellerAvailable(sellerId), currency);
    const amount = requested ?? Number(available);
    if (amount < env.PAYOUT_MIN_MINOR) {
      throw new DomainError('invalid_state', `payouts start at ${env.PAYOUT_MIN_MINOR} minor units`, {
        reason: 'below_minimum',
        available: Number(available),
      });
    }
    if (BigInt(amount) > available) {
      throw new DomainError('invalid_state', `only ${available} available`, {
        reason: 'insufficient_funds',
        available: Number(available),
      });
    }
    const key = c.req.valid('header')['idempotency-key'];
    const payoutId = key
      ? `po_${createHash('sha256').update(`${sellerId}\n${key}`).digest('hex').slice(0, 32)}`
      : newId('po');
    const row = await insertPayout(db, { id: payoutId, sellerId, amount: BigInt(amount), currency });
    const input: PayoutInput = { payoutId, sellerId, amount, currency, destination };
    await startPayout(temporal, input);
    return c.json(payoutJson(row), 202);
  });
}

export async function startPayout(temporal: Client, input: PayoutInput): Promise<void> {
  try {
    await temporal.workflow.start<typeof payoutWorkflow>(PAYOUT_WORKFLOW, {
      workflowId: payoutWorkflowId(input),
      taskQueue: TASK_QUEUES.orders,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Payout of ${input.amount} ${input.currency} minor units to ${input.sellerId}`,
      typedSearchAttributes: payoutSearchAttributes(input),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
