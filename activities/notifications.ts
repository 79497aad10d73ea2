import { insertNotification } from '../db/queries/notifications.js';
import type { NotifyInput } from '../domain/purchase.js';
import { type ActivityDeps, notificationChannel } from './deps.js';

export function createNotificationActivities({ db, redis }: ActivityDeps) {
  return {
    /** Stored once by its dedupe key, then published; SSE replays from the table if a publish is missed. */
    async notify(input: NotifyInput): Promise<void> {
      const row = await insertNotification(db, input);
      if (row) await redis.publish(notificationChannel(input.userId), JSON.stringify(row));
    },
  };
}
