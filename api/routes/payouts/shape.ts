import { z } from '@hono/zod-openapi';
import type { PayoutRow } from '../../../db/queries/payouts.js';
import type { Currency as CurrencyCode } from '../../../domain/money.js';
import type { PayoutStatus } from '../../../domain/payout.js';
import { Currency } from '../../schemas.js';

export const Payout = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'in_transit', 'paid', 'failed']),
    amount: z.number().int(),
    currency: Currency,
    failureCode: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi('Payout');

export function payoutJson(row: PayoutRow) {
  return {
    id: row.id,
    status: row.status as PayoutStatus,
    amount: Number(row.amount),
    currency: row.currency as CurrencyCode,
    ...(row.failureCode && { failureCode: row.failureCode }),
    createdAt: row.createdAt.toISOString(),
  };
}
