/** Wire shapes of /v1/me/notification-preferences, shared by its GET and PUT. */
import { z } from '@hono/zod-openapi';
import { EVENT_TYPE_PATTERN, NOTIFICATION_CHANNELS } from '../../../domain/notification-preferences.js';

export const PATH = '/v1/me/notification-preferences';

export const Preference = z
  .object({
    eventType: z
      .string()
      .max(64)
      .regex(EVENT_TYPE_PATTERN, "'*' or '<area>.<event>', e.g. order.paid")
      .openapi({ example: 'order.paid' }),
    channel: z.enum(NOTIFICATION_CHANNELS),
    enabled: z.boolean(),
  })
  .strict()
  .openapi('NotificationPreference');

export const NotificationSettings = z
  .object({
    email: z.string().nullable().openapi({ description: 'Where email notifications go; null: in-app only' }),
    preferences: z.array(Preference).openapi({
      description: 'Per channel and event type; the exact type wins over `*`; with no row a channel is on',
    }),
  })
  .openapi('NotificationSettings');

export const NotificationSettingsChange = z
  .object({
    email: z.email().max(254).nullable().optional().openapi({ example: 'ada@example.com' }),
    preferences: z
      .array(Preference)
      .max(100)
      .optional()
      .refine(
        (prefs) => new Set(prefs?.map((p) => `${p.eventType} ${p.channel}`)).size === (prefs?.length ?? 0),
        'each eventType and channel at most once',
      ),
  })
  .strict()
  .openapi('NotificationSettingsChange');
