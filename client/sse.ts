/**
 * GET /v1/events as an async iterator of Server-Sent Events that survives disconnects: after a dropped
 * connection it reconnects with `Last-Event-ID` set to the last id it yielded, and the API replays what
 * came in between, so the caller sees every event once and in order.
 */
import { retryAfterMs } from './retry.js';

export interface ServerSentEvent {
  id?: string;
  event: string;
  data: string;
}

export interface EventStreamOptions {
  baseUrl: string;
  token: string | (() => string | Promise<string>);
  /** Resume after this event (a previous session's last id). */
  lastEventId?: string;
  /** Stops the stream (the iterator then ends). */
  signal?: AbortSignal;
  /** Wait before reconnecting when the server names no `retry:` (default 1 s). */
  reconnectMs?: number;
  fetch?: typeof fetch;
}

/** Splits an SSE byte stream into events (https://html.spec.whatwg.org/#parsing-an-event-stream). */
export async function* parseEventStream(
  body: ReadableStream<Uint8Array>,
  onRetry: (ms: number) => void = () => {},
): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event: { id?: string; event?: string; data: string[] } = { data: [] };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.search(/\r\n|\r|\n/);
    // A CR last in the buffer may be the first half of a CRLF split across chunks: wait for the next.
    while (newline >= 0 && !(newline === buffer.length - 1 && buffer.endsWith('\r'))) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      newline = buffer.search(/\r\n|\r|\n/);
      if (line === '') {
        if (event.data.length > 0)
          yield { id: event.id, event: event.event ?? 'message', data: event.data.join('\n') };
        event = { data: [] };
        continue;
      }
      if (line.startsWith(':')) continue; // a comment (heartbeat)
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') event.data.push(value);
      else if (field === 'event') event.event = value;
      else if (field === 'id' && !value.includes('\0')) event.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
    }
  }
}

export async function* streamEvents(options: EventStreamOptions): AsyncGenerator<ServerSentEvent> {
  const doFetch = options.fetch ?? fetch;
  let lastEventId = options.lastEventId;
  let reconnectMs = options.reconnectMs ?? 1000;
  while (!options.signal?.aborted) {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    let wait = reconnectMs;
    try {
      const res = await doFetch(`${options.baseUrl}/v1/events`, { headers, signal: options.signal });
      if (res.status === 401 || res.status === 403 || res.status === 400)
        throw new Error(`GET /v1/events answered ${res.status}: ${await res.text()}`);
      if (res.ok && res.body) {
        for await (const event of parseEventStream(res.body, (ms) => {
          reconnectMs = ms;
        })) {
          if (event.id) lastEventId = event.id;
          yield event;
        }
      } else {
        wait = retryAfterMs(res.headers.get('retry-after')) ?? reconnectMs;
        await res.body?.cancel();
      }
    } catch (err) {
      if (options.signal?.aborted) return;
      if (err instanceof Error && err.message.startsWith('GET /v1/events answered')) throw err;
    }
    await new Promise((r) => setTimeout(r, wait));
  }
}
