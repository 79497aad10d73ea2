import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { notificationEmail, saveNotificationSettings } from '../../../db/queries/notification-preferences.js';
import { withStepUp } from '../../middleware/step-up.js';
import { IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App, AppEnv } from '../../types.js';
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

/** A new address (or none) for the caller's email: where a taken-over account's notices would go. */
const changesEmail = {
  description: 'it changes `email`',
  async test(c: Context<AppEnv>): Promise<boolean> {
    const body: unknown = await c.req.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null || !('email' in body)) return false;
    return body.email !== (await notificationEmail(c.var.deps.db, c.var.user.id));
  },
};

export function registerPutNotificationPreferences(app: App): void {
  app.openapi(withStepUp(route, { when: changesEmail }), async (c) => {
    const change = c.req.valid('json');
    return c.json(await saveNotificationSettings(c.var.deps.db, c.var.user.id, change), 200);
  });
}
