/**
 * Data export and erasure (workflows/data-export.ts, workflows/erasure.ts). Each does its whole job in
 * PostgreSQL: the export's document and the erased data never pass through a workflow payload.
 */
import { deleteDataExport, storeDataExport } from '../db/queries/data-exports.js';
import { eraseWhenNothingOpen } from '../db/queries/erasures.js';
import { personalDataOf } from '../db/queries/personal-data.js';
import type { DataExportInput, DataExportResult, ErasureInput, ErasureState } from '../domain/privacy.js';
import type { ActivityDeps } from './deps.js';

export function createPrivacyActivities({ db }: ActivityDeps) {
  return {
    /** Gathers everything held about the person and stores it on the export's row, once. */
    async buildDataExport({ exportId, userId, ttlMs }: DataExportInput): Promise<DataExportResult> {
      const data = await personalDataOf(db, userId);
      if (!data) return { exportId, built: false };
      const stored = await storeDataExport(db, { id: exportId, data, ttlMs });
      // A retry after the document was stored finds the row ready: built all the same.
      const ready = await db.query.dataExports.findFirst({ where: (e, { eq }) => eq(e.id, exportId) });
      return { exportId, built: stored || ready?.status === 'ready' };
    },
    async expireDataExport({ exportId }: { exportId: string }): Promise<void> {
      await deleteDataExport(db, exportId);
    },
    /** One look: erases now if nothing of the person is open, else says what it waits for. */
    async eraseWhenNothingOpen({
      erasureId,
      userId,
    }: Omit<ErasureInput, 'recheckMs'>): Promise<ErasureState> {
      return eraseWhenNothingOpen(db, { erasureId, userId });
    },
  };
}
