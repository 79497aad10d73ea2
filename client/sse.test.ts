/** The SSE parser: fields, multi-line data, comments, CRLF, chunks split anywhere. */
import { describe, expect, it } from 'vitest';
import { parseEventStream } from './sse.js';

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe('parseEventStream', () => {
  it('yields each event with its id, type and data, across any chunking', async () => {
    const text =
      ': heartbeat\n\nid: 7\nevent: order.paid\ndata: {"a":\ndata: 1}\n\r\nid: 8\r\ndata: x\r\n\r\n';
    for (const size of [1, 3, text.length]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      const events = [];
      for await (const e of parseEventStream(streamOf(chunks))) events.push(e);
      expect(events).toEqual([
        { id: '7', event: 'order.paid', data: '{"a":\n1}' },
        { id: '8', event: 'message', data: 'x' },
      ]);
    }
  });
});
