import { createRoute } from '@hono/zod-openapi';
import { notificationSettings } from '../../../db/queries/notification-preferences.js';
import { problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { NotificationSettings, PATH } from './notification-preferences.js';

const route = createRoute({
  method: 'get',
  path: PATH,
  tags: ['notifications'],
  summary: 'My email address and notification preferences',
  responses: {
    200: { description: 'Settings', content: { 'application/json': { schema: NotificationSettings } } },
    401: problemResponse('No valid token'),
  },
});

export function registerGetNotificationPreferences(app: App): void {
  app.openapi(route, async (c) => c.json(await notificationSettings(c.var.deps.db, c.var.user.id), 200));
}
