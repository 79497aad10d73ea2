/**
 * The operators' inbox (escalated disputes) is a user id no token can claim: a token whose `sub` is the
 * inbox id is refused (401) and reads nothing, while operators still get the inbox on their stream.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { insertNotification } from '../../db/queries/notifications.js';
import { OPERATOR_INBOX as DOMAIN_INBOX } from '../../domain/inboxes.js';
import { OPERATOR_INBOX } from '../../workflows/dispute.js';
import { stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';

const { db, close } = testDb();
afterAll(() => close());

/** Opens the caller's event stream after `lastEventId`; resolves with the status and the first event id. */
async function firstEvent(token: string, lastEventId: number) {
  const controller = new AbortController();
  const res = await fetch(`${stack().apiUrl}/v1/events`, {
    headers: { authorization: `Bearer ${token}`, 'last-event-id': String(lastEventId) },
    signal: controller.signal,
  });
  if (!res.headers.get('content-type')?.includes('text/event-stream')) {
    return { status: res.status, body: (await res.json()) as any, eventId: undefined };
  }
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let eventId: string | undefined;
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    while (eventId === undefined) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      eventId = /^id: ?(\d+)$/m.exec(buffer)?.[1];
    }
  } catch {
    // aborted: no event within the deadline
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { status: res.status, body: undefined as any, eventId };
}

describe('operators’ inbox', () => {
  it('cannot be claimed by a token, and still reaches operators', async () => {
    // The dispute workflow addresses the inbox the API streams to operators and refuses as a subject.
    expect(OPERATOR_INBOX).toBe(DOMAIN_INBOX);
    const escalated = await insertNotification(db, {
      dedupeKey: `test:inbox:${randomUUID()}`,
      userId: OPERATOR_INBOX,
      type: 'dispute.escalated',
      payload: { note: 'test' },
    });
    expect(escalated).toBeDefined();
    const after = escalated!.id - 1;

    for (const role of ['buyer', 'operator'] as const) {
      const claimed = await firstEvent(await tokenFor(OPERATOR_INBOX, role), after);
      expect(claimed.status, `sub=${OPERATOR_INBOX} as ${role}`).toBe(401);
      expect(claimed.body.code).toBe('unauthorized');
      expect(claimed.eventId).toBeUndefined();
    }

    const operator = await firstEvent(await tokenFor(uniqueUser('op'), 'operator'), after);
    expect(operator.status).toBe(200);
    expect(operator.eventId).toBe(String(escalated!.id));
  });
});
