/**
 * A recording proxy in front of stripe-mock: every request the Stripe adapter sends is forwarded
 * (stripe-mock validates it against Stripe's OpenAPI) and recorded with its Idempotency-Key. Armed,
 * it answers the next matching requests itself with an error in Stripe's format (card decline,
 * idempotency conflict, 429), which stateless stripe-mock cannot produce. Answers stripe-mock refuses
 * are recorded too: a test asserts none were refused.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLifecycleOverlay } from './stripe-lifecycle.js';

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  body: URLSearchParams;
  status: number;
}

export interface StripeErrorReply {
  status: number;
  error: { type: string; code?: string; decline_code?: string; message: string };
  headers?: Record<string, string>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * `lifecycle`: stripe-mock's fixtures get the states Stripe would be in after each call
 * (test/support/stripe-lifecycle.ts), for tests that run whole workflows on the Stripe adapter.
 */
export async function startStripeProxy(upstream: string, options: { lifecycle?: boolean } = {}) {
  const overlay = options.lifecycle ? createLifecycleOverlay() : undefined;
  const requests: RecordedRequest[] = [];
  const armed: Array<{
    match: (method: string, path: string) => boolean;
    reply: StripeErrorReply;
    times: number;
  }> = [];
  const server = createServer(async (req, res) => {
    const body = await read(req);
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    const key = req.headers['idempotency-key'];
    const record = (status: number) =>
      requests.push({
        method,
        path,
        ...(typeof key === 'string' && { idempotencyKey: key }),
        body: new URLSearchParams(method === 'GET' ? (path.split('?')[1] ?? '') : body),
        status,
      });
    const trap = armed.find((a) => a.times > 0 && a.match(method, path));
    if (trap) {
      trap.times -= 1;
      record(trap.reply.status);
      res.writeHead(trap.reply.status, {
        'content-type': 'application/json',
        'request-id': 'req_injected',
        ...trap.reply.headers,
      });
      res.end(JSON.stringify({ error: trap.reply.error }));
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        ([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'content-length',
      ),
    ) as Record<string, string>;
    const answer = await fetch(new URL(path, upstream), {
      method,
      headers,
      ...(method !== 'GET' && method !== 'DELETE' && { body }),
    });
    let text = await answer.text();
    record(answer.status);
    if (overlay && answer.ok) {
      const params = new URLSearchParams(method === 'GET' ? (path.split('?')[1] ?? '') : body);
      text = JSON.stringify(overlay(method, path, params, JSON.parse(text)));
    }
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': answer.headers.get('request-id') ?? '',
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    /** The next `times` requests for which `match` holds get `reply` instead of stripe-mock's answer. */
    arm(match: (method: string, path: string) => boolean, reply: StripeErrorReply, times = 1) {
      armed.push({ match, reply, times });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type StripeProxy = Awaited<ReturnType<typeof startStripeProxy>>;
