/**
 * dataExport (`data-export-<exportId>`): gathers everything held about a person into one document on
 * the export's row (one activity: the document never enters a payload), keeps it `ttlMs`, then
 * deletes it (docs/privacy.md).
 */
import { sleep } from '@temporalio/workflow';
import type { DataExportInput, DataExportResult } from '../domain/privacy.js';
import { activitiesOn, databaseStep, exportStep } from './options.js';

const db = activitiesOn(databaseStep);
const gather = activitiesOn(exportStep);

export async function dataExportWorkflow(input: DataExportInput): Promise<DataExportResult> {
  const result = await gather.buildDataExport(input);
  if (!result.built) return result;
  await sleep(input.ttlMs);
  await db.expireDataExport({ exportId: input.exportId });
  return result;
}
