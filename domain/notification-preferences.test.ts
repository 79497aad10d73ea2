import { describe, expect, it } from 'vitest';
import { channelEnabled, channelsFor, EVENT_TYPE_PATTERN } from './notification-preferences.js';

describe('notification preferences', () => {
  it('turns every channel on when the user has set nothing', () => {
    expect(channelsFor([], 'order.paid')).toEqual({ in_app: true, email: true });
  });

  it('applies `*` to every type of its channel only', () => {
    const prefs = [{ eventType: '*', channel: 'email', enabled: false }] as const;
    expect(channelsFor(prefs, 'order.paid')).toEqual({ in_app: true, email: false });
    expect(channelsFor(prefs, 'dispute.opened')).toEqual({ in_app: true, email: false });
  });

  it('lets the exact type win over `*`, whichever order the rows come in', () => {
    const offButPaid = [
      { eventType: 'order.paid', channel: 'email', enabled: true },
      { eventType: '*', channel: 'email', enabled: false },
    ] as const;
    expect(channelEnabled(offButPaid, 'order.paid', 'email')).toBe(true);
    expect(channelEnabled(offButPaid, 'order.shipped', 'email')).toBe(false);
    const onButPaid = [
      { eventType: '*', channel: 'in_app', enabled: true },
      { eventType: 'order.paid', channel: 'in_app', enabled: false },
    ] as const;
    expect(channelEnabled(onButPaid, 'order.paid', 'in_app')).toBe(false);
    expect(channelEnabled(onButPaid, 'order.paid', 'email')).toBe(true);
  });

  it('ignores rows of other types', () => {
    const prefs = [{ eventType: 'order.shipped', channel: 'email', enabled: false }] as const;
    expect(channelEnabled(prefs, 'order.paid', 'email')).toBe(true);
  });

  it('accepts `*` and `<area>.<event>` as event types, as the database does', () => {
    for (const ok of ['*', 'order.paid', 'dispute.dispute_resolved'])
      expect(EVENT_TYPE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', 'order', 'order.*', 'Order.Paid', 'order.paid.x', '**', 'order.paid '])
      expect(EVENT_TYPE_PATTERN.test(bad)).toBe(false);
  });
});
