/**
 * In-app notifications, stored once per dedupe key (db/queries/notifications.ts), whether they came
 * from a status change's outbox or a notify activity. `attempts` counts every delivery of a key, so a
 * test can tell a duplicate delivery (harmless) from a duplicate notification (never).
 */
import type { NotifyInput } from '../../domain/notifications.js';

export interface Notification extends NotifyInput {
  id: number;
  /** `outbox`: written with a status change; `activity`: a notify activity. */
  via: 'outbox' | 'activity';
  at: string;
}

export class FakeNotifications {
  private readonly rows = new Map<string, Notification>();
  private readonly delivered = new Map<string, number>();

  /** Stores the notification unless its key is known; the new row, or undefined for a duplicate. */
  deliver(input: NotifyInput, via: Notification['via'], at: string): Notification | undefined {
    this.delivered.set(input.dedupeKey, (this.delivered.get(input.dedupeKey) ?? 0) + 1);
    if (this.rows.has(input.dedupeKey)) return undefined;
    const row = { ...structuredClone(input), id: this.rows.size + 1, via, at };
    this.rows.set(input.dedupeKey, row);
    return structuredClone(row);
  }

  /** Every notification, oldest first; or a user's, or an order's (of one type). */
  all(): Notification[] {
    return [...this.rows.values()].map((n) => structuredClone(n));
  }

  of(userId: string): Notification[] {
    return this.all().filter((n) => n.userId === userId);
  }

  forOrder(orderId: string, type?: string): Notification[] {
    return this.all().filter((n) => n.orderId === orderId && (type === undefined || n.type === type));
  }

  /** How many times a key was delivered (a retried activity delivers again; it is stored once). */
  attempts(dedupeKey: string): number {
    return this.delivered.get(dedupeKey) ?? 0;
  }
}
