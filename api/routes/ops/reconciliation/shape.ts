/** A reconciliation report on the wire. */
import { z } from '@hono/zod-openapi';
import type { findReport } from '../../../../db/queries/reconciliation.js';
import { MISMATCH_KINDS } from '../../../../domain/reconciliation.js';

export const Report = z
  .object({
    id: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    status: z.enum(['clean', 'mismatches']),
    counts: z.record(z.string(), z.number()),
    mismatches: z.array(
      z.object({
        kind: z.enum(MISMATCH_KINDS),
        ref: z.string(),
        orderId: z.string().optional(),
        payoutId: z.string().optional(),
        offerId: z.string().optional().openapi({ description: 'The offer a stranded_hold was held for' }),
        ours: z.union([z.number(), z.string()]).optional(),
        theirs: z.union([z.number(), z.string()]).optional(),
      }),
    ),
    createdAt: z.string(),
  })
  .openapi('ReconciliationReport');

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export const reportJson = (row: ReportRow) => ({
  id: row.id,
  periodStart: row.periodStart.toISOString(),
  periodEnd: row.periodEnd.toISOString(),
  status: row.status as 'clean' | 'mismatches',
  counts: row.counts,
  mismatches: row.mismatches as z.infer<typeof Report>['mismatches'],
  createdAt: row.createdAt.toISOString(),
});
