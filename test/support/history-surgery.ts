/**
 * Editing a recorded history (JSON as saved by test/support/histories.ts) to add what happened to
 * workflows of that code version in production but not in the recording: e.g. a signal that arrived
 * while the workflow waited. Event ids after the insertion point shift, and so does every reference.
 */
type Event = Record<string, unknown> & { eventId: string; eventType: string; eventTime: string };
export interface HistoryJson {
  workflowId: string;
  history: { events: Event[] };
}

const jsonPayload = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from(JSON.stringify(value)).toString('base64'),
});

/** Shifts every `...EventId` field holding an id above `after` by `by`, at any depth. */
function shiftIds(node: unknown, after: number, by: number): unknown {
  if (Array.isArray(node)) return node.map((item) => shiftIds(item, after, by));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (/eventId$/i.test(key) && typeof value === 'string' && Number(value) > after)
        return [key, String(Number(value) + by)];
      return [key, shiftIds(value, after, by)];
    }),
  );
}

/**
 * The history with a signal delivered in a workflow task of its own right after event `afterEventId`:
 * the workflow task completes with no command, as it does when the workflow ignores the signal.
 */
export function withSignalAfter(
  source: HistoryJson,
  afterEventId: number,
  signalName: string,
  arg: unknown,
): HistoryJson {
  const events = source.history.events;
  const at = events.findIndex((e) => Number(e.eventId) === afterEventId);
  if (at < 0) throw new Error(`no event ${afterEventId}`);
  const anchor = events[at]!;
  const next = afterEventId + 1;
  const base = { eventTime: anchor.eventTime, taskId: String(anchor.taskId ?? '0') };
  const inserted: Event[] = [
    {
      ...base,
      eventId: String(next),
      eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED',
      workflowExecutionSignaledEventAttributes: {
        signalName,
        input: { payloads: [jsonPayload(arg)] },
        identity: 'history-surgery',
      },
    },
    {
      ...base,
      eventId: String(next + 1),
      eventType: 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED',
      workflowTaskScheduledEventAttributes: {
        taskQueue: { name: 'orders' },
        startToCloseTimeout: '10s',
        attempt: 1,
      },
    },
    {
      ...base,
      eventId: String(next + 2),
      eventType: 'EVENT_TYPE_WORKFLOW_TASK_STARTED',
      workflowTaskStartedEventAttributes: { scheduledEventId: String(next + 1), identity: 'history-surgery' },
    },
    {
      ...base,
      eventId: String(next + 3),
      eventType: 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
      workflowTaskCompletedEventAttributes: {
        scheduledEventId: String(next + 1),
        startedEventId: String(next + 2),
        identity: 'history-surgery',
      },
    },
  ];
  const shifted = events.slice(at + 1).map((e) => shiftIds(e, afterEventId, inserted.length) as Event);
  return {
    workflowId: source.workflowId,
    history: { events: [...events.slice(0, at + 1), ...inserted, ...shifted] },
  };
}
