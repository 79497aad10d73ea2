import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postToTarget, type ResolveHost, resolveWebhookTarget } from './outbound-webhook.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

async function listen(
  host: string,
  answer: (req: IncomingMessage, body: string) => number | 'hang',
): Promise<{ port: number; received: Array<{ headers: IncomingMessage['headers']; body: string }> }> {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, body });
    const status = answer(req, body);
    if (status === 'hang') return;
    res.writeHead(status, status === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end('ok');
  });
  servers.push(server);
  server.listen(0, host);
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, received };
}

const resolverOf =
  (answers: Record<string, string[]>): ResolveHost =>
  async (host) => {
    const found = answers[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };

describe('resolving a webhook target', () => {
  it('refuses a name that resolves to any non-public address', async () => {
    const resolve = resolverOf({ 'shop.test': ['93.184.216.34', '10.0.0.7'] });
    const target = await resolveWebhookTarget('https://shop.test/hook', { allowCidrs: [], resolve });
    expect(target).toMatchObject({ ok: false, reason: 'refused', refused: { address: '10.0.0.7' } });
    if (!target.ok) expect(target.detail).toContain('10.0.0.7 (private)');
  });

  it('takes a name whose addresses are all public', async () => {
    const resolve = resolverOf({ 'shop.test': ['93.184.216.34', '2606:4700:4700::1111'] });
    const target = await resolveWebhookTarget('https://shop.test/hook', { allowCidrs: [], resolve });
    expect(target.ok).toBe(true);
    if (target.ok)
      expect(target.addresses.map((a) => a.address)).toEqual(['93.184.216.34', '2606:4700:4700::1111']);
  });

  it('judges IP literals without asking DNS', async () => {
    const resolve: ResolveHost = async () => {
      throw new Error('DNS must not be asked for a literal');
    };
    for (const url of [
      'http://10.0.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://127.0.0.2:9/x',
      'http://[::1]/x',
      'http://[::ffff:10.0.0.1]/',
      'http://2130706434/', // 127.0.0.2
      'http://0x7f.2/', // 127.0.0.2
    ]) {
      const target = await resolveWebhookTarget(url, { allowCidrs: ['127.0.0.1/32'], resolve });
      expect(target, url).toMatchObject({ ok: false, reason: 'refused' });
    }
    expect(
      await resolveWebhookTarget('http://127.0.0.1:9/x', { allowCidrs: ['127.0.0.1/32'], resolve }),
    ).toMatchObject({ ok: true });
    expect(await resolveWebhookTarget('http://8.8.8.8/x', { allowCidrs: [], resolve })).toMatchObject({
      ok: true,
    });
  });

  it('reports a name that does not resolve, or too slowly', async () => {
    const missing = await resolveWebhookTarget('https://nowhere.test/', {
      allowCidrs: [],
      resolve: resolverOf({}),
    });
    expect(missing).toMatchObject({ ok: false, reason: 'unresolvable' });
    const slow = await resolveWebhookTarget('https://slow.test/', {
      allowCidrs: [],
      resolve: () => new Promise(() => {}),
      timeoutMs: 50,
    });
    expect(slow).toMatchObject({ ok: false, reason: 'unresolvable' });
  });

  it('uses the system resolver by default: localhost is refused (127.0.0.1 allowed, ::1 or not)', async () => {
    const target = await resolveWebhookTarget('http://localhost:9/x', { allowCidrs: [] });
    expect(target).toMatchObject({ ok: false, reason: 'refused', refused: { range: 'loopback' } });
  });
});

describe('posting to a vetted target', () => {
  it('connects to the vetted address, whatever the name resolves to later', async () => {
    const server = await listen('127.0.0.1', () => 204);
    // The name would resolve to a refused address now; the request still goes to the vetted one.
    let calls = 0;
    const resolve: ResolveHost = async () => (++calls === 1 ? ['127.0.0.1'] : ['10.9.9.9']);
    const target = await resolveWebhookTarget(`http://rebind.test:${server.port}/hook`, {
      allowCidrs: ['127.0.0.1/32'],
      resolve,
    });
    expect(target.ok).toBe(true);
    if (!target.ok) return;
    const result = await postToTarget(target, '{"a":1}', { 'x-test': 'yes' }, 2000);
    expect(result).toMatchObject({ statusCode: 204 });
    expect(result.error).toBeUndefined();
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.headers).toMatchObject({
      host: `rebind.test:${server.port}`,
      'x-test': 'yes',
      'content-type': 'application/json',
    });
    expect(server.received[0]!.body).toBe('{"a":1}');
    expect(calls).toBe(1);
  });

  it('reports non-2xx answers and does not follow redirects', async () => {
    const server = await listen('127.0.0.1', (req) => (req.url === '/redirect' ? 302 : 500));
    for (const [path, status] of [
      ['/redirect', 302],
      ['/error', 500],
    ] as const) {
      const target = await resolveWebhookTarget(`http://127.0.0.1:${server.port}${path}`, {
        allowCidrs: ['127.0.0.1/32'],
      });
      if (!target.ok) throw new Error(target.detail);
      expect(await postToTarget(target, '{}', {}, 2000)).toMatchObject({ statusCode: status });
    }
    expect(server.received).toHaveLength(2);
  });

  it('gives up after its timeout and reports network errors without throwing', async () => {
    const hanging = await listen('127.0.0.1', () => 'hang');
    const slow = await resolveWebhookTarget(`http://127.0.0.1:${hanging.port}/`, {
      allowCidrs: ['127.0.0.1/32'],
    });
    if (!slow.ok) throw new Error(slow.detail);
    const timedOut = await postToTarget(slow, '{}', {}, 200);
    expect(timedOut.statusCode).toBeUndefined();
    expect(timedOut.error).toContain('no answer within 200 ms');

    const closed = await listen('127.0.0.1', () => 200);
    const port = closed.port;
    await new Promise((r) => servers.pop()!.close(r));
    const gone = await resolveWebhookTarget(`http://127.0.0.1:${port}/`, { allowCidrs: ['127.0.0.1/32'] });
    if (!gone.ok) throw new Error(gone.detail);
    const refused = await postToTarget(gone, '{}', {}, 2000);
    expect(refused.statusCode).toBeUndefined();
    expect(refused.error).toContain('ECONNREFUSED');
  });
});
