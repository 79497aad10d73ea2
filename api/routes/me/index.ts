import type { App } from '../../types.js';
import { registerCreateDataExport } from './create-data-export.js';
import { registerGetDataExport } from './get-data-export.js';
import { registerGetErasure } from './get-erasure.js';
import { registerGetNotificationPreferences } from './get-notification-preferences.js';
import { registerPutNotificationPreferences } from './put-notification-preferences.js';
import { registerRequestErasure } from './request-erasure.js';

/** The caller's own settings and data (/v1/me/…). */
export function registerMeRoutes(app: App): void {
  registerGetNotificationPreferences(app);
  registerPutNotificationPreferences(app);
  registerCreateDataExport(app);
  registerGetDataExport(app);
  registerRequestErasure(app);
  registerGetErasure(app);
}
