/** Wire shapes of /v1/me/data-exports and /v1/me/erasure (docs/privacy.md). */
import { z } from '@hono/zod-openapi';
import type { DataExportRow } from '../../../db/queries/data-exports.js';
import type { ErasureRow } from '../../../db/queries/erasures.js';
import {
  DATA_EXPORT_STATUSES,
  ERASURE_STATUSES,
  type ErasureState,
  OPEN_ITEM_KINDS,
} from '../../../domain/privacy.js';

const Rows = z.array(z.record(z.string(), z.unknown()));

/** The document: every key is there (empty when nothing of that kind is held). */
export const PersonalData = z
  .object({
    format: z.literal('escrowflow.personal-data.v1'),
    userId: z.string(),
    generatedAt: z.string(),
    user: z.record(z.string(), z.unknown()),
    notificationPreferences: Rows,
    listings: Rows,
    ordersAsBuyer: Rows.openapi({ description: 'Each with its `events`' }),
    ordersAsSeller: Rows.openapi({
      description: "Each with its `events`; the buyer's payment method left out",
    }),
    offers: Rows,
    disputes: Rows.openapi({ description: 'On my orders, each with its `evidence`' }),
    auctions: Rows.openapi({ description: 'The auctions I sell' }),
    bids: Rows.openapi({ description: 'My bids' }),
    payouts: Rows,
    balances: Rows,
    notifications: Rows,
    emails: Rows.openapi({ description: 'The emails log: address, subject, status' }),
    webhookEndpoints: Rows.openapi({ description: 'Never their signing secrets' }),
    webhookDeliveries: Rows,
    auditLog: Rows.openapi({ description: 'Audit rows by me or about me, my orders and my disputes' }),
  })
  .openapi('PersonalData');

export const DataExport = z
  .object({
    id: z.string(),
    status: z.enum(DATA_EXPORT_STATUSES),
    createdAt: z.string(),
    expiresAt: z.string().optional().openapi({ description: 'When ready: the document is deleted then' }),
    data: PersonalData.optional().openapi({ description: 'When ready' }),
  })
  .openapi('DataExport');

export function dataExportJson(row: DataExportRow): z.infer<typeof DataExport> {
  return {
    id: row.id,
    status: row.status as z.infer<typeof DataExport>['status'],
    createdAt: row.createdAt.toISOString(),
    ...(row.expiresAt && { expiresAt: row.expiresAt.toISOString() }),
    ...(row.data && { data: row.data as z.infer<typeof PersonalData> }),
  };
}

export const OpenItem = z
  .object({ kind: z.enum(OPEN_ITEM_KINDS), id: z.string(), status: z.string() })
  .openapi('ErasureOpenItem');

export const Erasure = z
  .object({
    id: z.string(),
    status: z.enum(ERASURE_STATUSES),
    waitingFor: z.array(OpenItem).openapi({ description: 'What is still open (as last looked at)' }),
    requestedAt: z.string(),
  })
  .openapi('Erasure');

export function erasureJson(row: ErasureRow, state?: ErasureState): z.infer<typeof Erasure> {
  return {
    id: row.id,
    status: state?.status ?? (row.status as z.infer<typeof Erasure>['status']),
    waitingFor: state?.waitingFor ?? row.waitingFor,
    requestedAt: row.createdAt.toISOString(),
  };
}
