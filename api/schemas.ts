/** Wire shapes of the API contract (DESIGN.md), shared by routes and the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import { currencyCodes, MAX_AMOUNT_MINOR } from '../domain/money.js';
import { FAILURE_REASONS, ORDER_STATUSES } from '../domain/order.js';

export const Amount = z
  .number()
  .int()
  .positive()
  .max(MAX_AMOUNT_MINOR)
  .openapi({ example: 1999, description: 'minor units' });
export const Currency = z.enum(currencyCodes).openapi({ example: 'EUR' });
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const Listing = z
  .object({
    id: z.string(),
    sellerId: z.string(),
    title: z.string(),
    amount: z.number().int(),
    currency: Currency,
    quantity: z.number().int(),
    available: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Listing');

export const Order = z
  .object({
    id: z.string(),
    listingId: z.string(),
    buyerId: z.string(),
    sellerId: z.string(),
    quantity: z.number().int(),
    amount: z.number().int(),
    currency: Currency,
    status: z.enum(ORDER_STATUSES),
    failureReason: z.enum(FAILURE_REASONS).optional(),
    deadlines: z.record(z.string(), z.string()),
    links: z.object({ self: z.string(), workflow: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Order');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
  })
  .openapi('Problem');

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({ description: 'Makes the write safe to retry' }),
});

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
