/** The API's round-robin proxy against small replicas in process: turns, skipping, streaming, headers. */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTargets, type RoundRobin, startRoundRobin } from './round-robin.js';

interface Replica {
  name: string;
  port: number;
  server: Server;
  seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }>;
  stop(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function replica(name: string, port = 0): Promise<Replica> {
  const seen: Replica['seen'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/events') return streamEvents(res, req);
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ replica: name, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  cleanups.push(async () => {
    if (server.listening) await stop();
  });
  return { name, port: (server.address() as AddressInfo).port, server, seen, stop };
}

/** An event stream: `first` at once, `second` only when the test says so, closed seen by the test. */
let releaseSecond: (() => void) | undefined;
let streamClosed: Promise<void> = Promise.resolve();
function streamEvents(res: import('node:http').ServerResponse, req: import('node:http').IncomingMessage) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write('id: 1\ndata: first\n\n');
  releaseSecond = () => res.write('id: 2\ndata: second\n\n');
  streamClosed = new Promise((resolve) => req.socket.once('close', () => resolve()));
}

async function proxyTo(replicas: Replica[], cooldownMs = 200): Promise<RoundRobin> {
  const proxy = await startRoundRobin({
    targets: replicas.map((r) => ({ host: '127.0.0.1', port: r.port })),
    port: 0,
    cooldownMs,
  });
  cleanups.push(() => proxy.close());
  return proxy;
}

const who = async (proxy: RoundRobin, init?: RequestInit) => {
  const res = await fetch(`${proxy.url}/v1/thing`, init);
  return {
    status: res.status,
    body: (await res.json()) as { replica?: string; body?: string; code?: string },
  };
};

describe('round-robin proxy', () => {
  it('sends each request to the next replica in turn', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const proxy = await proxyTo([a, b]);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await who(proxy)).body.replica);
    expect(answers).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(proxy.stats().byTarget).toEqual({ [`127.0.0.1:${a.port}`]: 3, [`127.0.0.1:${b.port}`]: 3 });
  });

  it('passes method, path, body and end-to-end headers, appends X-Forwarded-For, keeps every Set-Cookie', async () => {
    const a = await replica('a');
    const proxy = await proxyTo([a]);
    const res = await fetch(`${proxy.url}/v1/orders?wait=payment`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer t',
        'idempotency-key': 'k-1',
        'x-forwarded-for': '198.51.100.7',
      },
      body: JSON.stringify({ quantity: 1 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const seen = a.seen[0]!;
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/orders?wait=payment', body: '{"quantity":1}' });
    expect(seen.headers).toMatchObject({
      authorization: 'Bearer t',
      'idempotency-key': 'k-1',
      'x-forwarded-for': '198.51.100.7, 127.0.0.1',
      'x-forwarded-proto': 'http',
      host: new URL(proxy.url).host,
      connection: 'close',
    });
  });

  it('skips a replica that refuses connections, and takes it back when it listens again', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const proxy = await proxyTo([a, b], 500);
    await b.stop();
    const downSince = Date.now();
    const whileDown = [];
    for (let i = 0; i < 6; i++) {
      const answer = await who(proxy);
      expect(answer.status).toBe(200);
      whileDown.push(answer.body.replica);
    }
    expect(whileDown).toEqual(['a', 'a', 'a', 'a', 'a', 'a']);
    // Tried once, then left alone for the cool-down (500 ms) instead of on every request.
    const cooldowns = Math.floor((Date.now() - downSince) / 500);
    expect(proxy.stats().refused[`127.0.0.1:${b.port}`]).toBeGreaterThanOrEqual(1);
    expect(proxy.stats().refused[`127.0.0.1:${b.port}`]).toBeLessThanOrEqual(1 + cooldowns);

    await replica('b again', b.port);
    await new Promise((r) => setTimeout(r, 600));
    const back = new Set<string | undefined>();
    for (let i = 0; i < 4; i++) back.add((await who(proxy)).body.replica);
    expect(back).toEqual(new Set(['a', 'b again']));
  });

  it('answers 502 problem+json when no replica accepts', async () => {
    const a = await replica('a');
    const proxy = await proxyTo([a]);
    await a.stop();
    const res = await fetch(`${proxy.url}/readyz`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 502, code: 'no_replica' });
    expect(proxy.stats().unavailable).toBe(1);
  });

  it('streams server-sent events as written, and closes the replica side when the client leaves', async () => {
    const a = await replica('a');
    const proxy = await proxyTo([a]);
    const controller = new AbortController();
    const res = await fetch(`${proxy.url}/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('data: first\n\n')) text += decoder.decode((await reader.read()).value);
    // The second event does not exist yet: the first arrived on its own, not buffered until the end.
    expect(text).not.toContain('second');
    releaseSecond!();
    while (!text.includes('data: second\n\n')) text += decoder.decode((await reader.read()).value);
    controller.abort();
    await streamClosed;
  });

  it('parses PROXY_TARGETS', () => {
    expect(parseTargets('api:3000, 127.0.0.1:3001,[::1]:3002')).toEqual([
      { host: 'api', port: 3000 },
      { host: '127.0.0.1', port: 3001 },
      { host: '::1', port: 3002 },
    ]);
    expect(() => parseTargets('api')).toThrow('proxy target "api" is not host:port');
    expect(() => parseTargets(' ')).toThrow('no proxy targets');
  });

  it('sends a request to a name with its addresses (Compose service replicas) like to an address', async () => {
    const a = await replica('a');
    const proxy = await startRoundRobin({ targets: [{ host: 'localhost', port: a.port }], port: 0 });
    cleanups.push(() => proxy.close());
    // localhost may also resolve to ::1, where nothing listens: that address is skipped.
    for (let i = 0; i < 3; i++) expect((await who(proxy)).body.replica).toBe('a');
  });
});

// A plain client (not fetch) for the hop-by-hop check: fetch does not let a test send `Connection`.
describe('round-robin proxy headers', () => {
  it('drops hop-by-hop headers, including those the Connection header names', async () => {
    const a = await replica('a');
    const proxy = await proxyTo([a]);
    await new Promise<void>((resolve, reject) => {
      const req = request(`${proxy.url}/x`, {
        headers: {
          connection: 'keep-alive, x-hop',
          'x-hop': 'secret',
          'keep-alive': 'timeout=5',
          'x-end': '1',
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    expect(a.seen[0]!.headers).toMatchObject({ 'x-end': '1', connection: 'close' });
    expect(a.seen[0]!.headers).not.toHaveProperty('x-hop');
    expect(a.seen[0]!.headers).not.toHaveProperty('keep-alive');
  });
});
