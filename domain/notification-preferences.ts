/**
 * Which channels a notification goes out on: a user's preferences per channel and event type, where
 * the most specific row wins (`order.paid` over `*`) and no row at all means "on".
 */
export const NOTIFICATION_CHANNELS = ['in_app', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** `*` (every type) or `<area>.<event>`, as the database's CHECK has it. */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z_]+\.[a-z_]+)$/;
export const ANY_EVENT_TYPE = '*';

export interface NotificationPreference {
  eventType: string;
  channel: NotificationChannel;
  enabled: boolean;
}

export function channelEnabled(
  preferences: readonly NotificationPreference[],
  eventType: string,
  channel: NotificationChannel,
): boolean {
  const ofChannel = preferences.filter((p) => p.channel === channel);
  const exact = ofChannel.find((p) => p.eventType === eventType);
  if (exact) return exact.enabled;
  const any = ofChannel.find((p) => p.eventType === ANY_EVENT_TYPE);
  return any?.enabled ?? true;
}

/** Every channel's answer for one event type. */
export function channelsFor(
  preferences: readonly NotificationPreference[],
  eventType: string,
): Record<NotificationChannel, boolean> {
  return {
    in_app: channelEnabled(preferences, eventType, 'in_app'),
    email: channelEnabled(preferences, eventType, 'email'),
  };
}
