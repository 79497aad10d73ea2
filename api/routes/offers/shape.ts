import { z } from '@hono/zod-openapi';
import type { OfferRow } from '../../../db/queries/offers.js';
import { offerWorkflowId } from '../../../domain/ids.js';
import type { Currency as CurrencyCode } from '../../../domain/money.js';
import {
  OFFER_ACTIONS,
  OFFER_DECLINE_REASONS,
  OFFER_FAILURE_REASONS,
  OFFER_STATUSES,
  OFFER_TURNS,
  type OfferDeclineReason,
  type OfferFailureReason,
  type OfferStatus,
  type OfferTurn,
} from '../../../domain/offer.js';
import { Currency } from '../../schemas.js';

export const Offer = z
  .object({
    id: z.string(),
    listingId: z.string(),
    buyerId: z.string(),
    sellerId: z.string(),
    amount: z
      .number()
      .int()
      .openapi({ description: 'The amount on the table (the last move’s), for the quantity' }),
    currency: Currency,
    quantity: z.number().int(),
    status: z.enum(OFFER_STATUSES),
    turn: z.enum(OFFER_TURNS),
    expiresAt: z
      .string()
      .nullable()
      .openapi({ description: 'When a live offer expires (null before its hold)' }),
    orderId: z.string().optional().openapi({ description: 'The order an acceptance placed' }),
    reason: z.enum(OFFER_DECLINE_REASONS).optional().openapi({ description: 'Why it was declined' }),
    failureReason: z.enum(OFFER_FAILURE_REASONS).optional(),
    history: z.array(
      z.object({
        by: z.enum(['buyer', 'seller', 'system']),
        action: z.enum(OFFER_ACTIONS),
        amount: z.number().int(),
        at: z.string(),
      }),
    ),
    links: z.object({ self: z.string(), workflow: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Offer');

export function offerJson(row: OfferRow) {
  return {
    id: row.id,
    listingId: row.listingId,
    buyerId: row.buyerId,
    sellerId: row.sellerId,
    amount: Number(row.amount),
    currency: row.currency as CurrencyCode,
    quantity: row.quantity,
    status: row.status as OfferStatus,
    turn: row.turn as OfferTurn,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    ...(row.orderId && { orderId: row.orderId }),
    ...(row.reason && { reason: row.reason as OfferDeclineReason }),
    ...(row.failureReason && { failureReason: row.failureReason as OfferFailureReason }),
    history: row.history,
    links: { self: `/v1/offers/${row.id}`, workflow: offerWorkflowId({ offerId: row.id }) },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
