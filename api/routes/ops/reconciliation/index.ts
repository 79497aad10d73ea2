/** Operators read reconciliation reports and may run one for any period. */
import type { App } from '../../../types.js';
import { registerGetReport } from './get.js';
import { registerListReports } from './list.js';
import { registerRunReconciliation } from './run.js';

export function registerReconciliationRoutes(app: App): void {
  registerListReports(app);
  registerGetReport(app);
  registerRunReconciliation(app);
}
