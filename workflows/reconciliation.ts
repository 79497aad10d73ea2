/**
 * reconciliation (`reconciliation-<reportId>`, daily from a Temporal Schedule or on an operator's
 * request): compares the ledger, payments and payouts with the provider's records for a period and
 * stores a report of every mismatch. Scheduled runs take the 24 hours before their start.
 */
import { setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { ReconciliationReport } from '../domain/reconciliation.js';
import { activitiesOn, providerCall } from './options.js';

const provider = activitiesOn({ ...providerCall, startToCloseTimeout: '5 minutes' });

export async function reconciliationWorkflow(
  period: { from?: string; to?: string } = {},
): Promise<ReconciliationReport> {
  const info = workflowInfo();
  const to = period.to ?? new Date(info.startTime.getTime()).toISOString();
  const from = period.from ?? new Date(new Date(to).getTime() - 24 * 3600_000).toISOString();
  const report = await provider.reconcilePeriod({ reportId: `rec_${info.workflowId}`, from, to });
  setCurrentDetails(
    `**${report.status}** · ${report.mismatches.length} mismatch(es) · ${from} → ${to}\n${JSON.stringify(report.counts)}`,
  );
  return report;
}
