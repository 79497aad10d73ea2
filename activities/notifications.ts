import { deliverySettings } from '../db/queries/notification-preferences.js';
import { insertNotification } from '../db/queries/notifications.js';
import { channelsFor } from '../domain/notification-preferences.js';
import type { NotifyInput } from '../domain/notifications.js';
import { type ActivityDeps, notificationChannel } from './deps.js';
import { createEmailChannel } from './email.js';
import { sellerWebhookFanOut } from './seller-webhooks.js';

export function createNotificationActivities(deps: ActivityDeps) {
  const { db, redis } = deps;
  const sellerWebhooks = sellerWebhookFanOut(deps);
  const email = createEmailChannel(deps);
  return {
    /**
     * In-app (unless the user turned it off for this type): stored once by its dedupe key, then
     * published; SSE replays from the table if a publish is missed. Then the email (activities/email.ts),
     * last, since over the user's burst limit it fails the attempt to be retried later.
     */
    async notify(input: NotifyInput): Promise<void> {
      const settings = await deliverySettings(db, input.userId, input.type);
      const channels = channelsFor(settings.preferences, input.type);
      if (channels.in_app) {
        const row = await insertNotification(db, input);
        if (row) await redis.publish(notificationChannel(input.userId), JSON.stringify(row));
      }
      // Seller webhooks (activities/seller-webhooks.ts): idempotent, so it runs on every retry too.
      await sellerWebhooks(input);
      if (email.enabled) await email.deliver(input, { address: settings.email, enabled: channels.email });
    },
  };
}
