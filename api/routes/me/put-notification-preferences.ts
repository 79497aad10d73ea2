import { createRoute } from '@hono/zod-openapi';
import { saveNotificationSettings } from '../../../db/queries/notification-preferences.js';
import { IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { NotificationSettings, NotificationSettingsChange, PATH } from './notification-preferences.js';

const route = createRoute({
  method: 'put',
  path: PATH,
  tags: ['notifications'],
  summary: 'Set my email address (null removes it) and upsert preferences per channel and event type',
  request: {
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: NotificationSettingsChange } }, required: true },
  },
  responses: {
    200: {
      description: 'The settings now in force',
      content: { 'application/json': { schema: NotificationSettings } },
    },
    400: problemResponse('Invalid address, event type, channel or a repeated preference'),
    401: problemResponse('No valid token'),
  },
});

export function registerPutNotificationPreferences(app: App): void {
  app.openapi(route, async (c) => {
    const change = c.req.valid('json');
    return c.json(await saveNotificationSettings(c.var.deps.db, c.var.user.id, change), 200);
  });
}
