import type { App } from '../../types.js';
import { registerGetNotificationPreferences } from './get-notification-preferences.js';
import { registerPutNotificationPreferences } from './put-notification-preferences.js';

/** The caller's own settings (/v1/me/…). */
export function registerMeRoutes(app: App): void {
  registerGetNotificationPreferences(app);
  registerPutNotificationPreferences(app);
}
