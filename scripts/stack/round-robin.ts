/**
 * A small round-robin HTTP proxy: one port in front of N API replicas, so clients see one URL.
 *
 * - Per request, the next replica in turn; each target `host:port` is resolved to all its addresses
 *   (Compose gives a scaled service one name with an address per replica), re-resolved every second.
 * - A replica that refuses the connection (stopped, restarting) is skipped: the request goes to the
 *   next one and the refusing one sits out for `cooldownMs`. Only when every replica refuses does the
 *   client get a 502 (problem+json). A request is never sent twice: once a replica has the
 *   connection, its answer (or failure) is the answer.
 * - Streaming both ways (bodies are piped, never buffered): server-sent events reach the client as
 *   the replica writes them, and a client that goes away closes the replica's connection.
 * - `X-Forwarded-For` gets the client's address appended, so replicas behind it run with
 *   TRUSTED_PROXY_HOPS=1 and still limit per client, not per proxy.
 */
import { lookup } from 'node:dns/promises';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import { isIP, type Socket, connect as tcpConnect } from 'node:net';

export interface Target {
  host: string;
  port: number;
}

export interface RoundRobinOptions {
  targets: Target[];
  port: number;
  host?: string;
  /** How long a replica that refused a connection is tried last (default 1 s). */
  cooldownMs?: number;
  /** A replica that does not accept within this is skipped like a refusing one (default 2 s). */
  connectTimeoutMs?: number;
  log?: (fields: Record<string, unknown>, msg: string) => void;
}

export interface RoundRobin {
  url: string;
  port: number;
  /** Requests answered by each replica address (`host:port`), and those no replica took. */
  stats(): { byTarget: Record<string, number>; refused: Record<string, number>; unavailable: number };
  close(): Promise<void>;
}

/** `host:port,host:port` (PROXY_TARGETS). */
export function parseTargets(text: string): Target[] {
  const targets = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(t);
      if (!match) throw new Error(`proxy target "${t}" is not host:port`);
      return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
    });
  if (targets.length === 0) throw new Error('no proxy targets');
  return targets;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, not the message. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !listed.has(name)),
  );
}

export async function startRoundRobin(options: RoundRobinOptions): Promise<RoundRobin> {
  const cooldownMs = options.cooldownMs ?? 1_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const log = options.log ?? (() => {});
  const byTarget: Record<string, number> = {};
  const refused: Record<string, number> = {};
  let unavailable = 0;
  let turn = 0;
  const downUntil = new Map<string, number>();
  let resolved: { at: number; list: Target[] } | undefined;

  /** Every replica address, re-resolved at most once a second (replicas come and go). */
  const addresses = async (): Promise<Target[]> => {
    if (resolved && Date.now() - resolved.at < 1_000) return resolved.list;
    const lists = await Promise.all(
      options.targets.map(async (t) => {
        if (isIP(t.host)) return [t];
        const found = await lookup(t.host, { all: true }).catch(() => []);
        return found.map((a) => ({ host: a.address, port: t.port }));
      }),
    );
    resolved = { at: Date.now(), list: lists.flat() };
    return resolved.list;
  };

  const open = (target: Target) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = tcpConnect({ host: target.host, port: target.port });
      const timer = setTimeout(() => socket.destroy(new Error('connect timeout')), connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        // From here the HTTP request owns the socket and its errors.
        socket.removeAllListeners('error');
        socket.on('error', () => {});
        resolve(socket);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });

  /** The next replica in turn that accepts a connection; those cooling down are tried last. */
  const connectNext = async (): Promise<{ socket: Socket; key: string } | undefined> => {
    const list = await addresses();
    if (list.length === 0) return undefined;
    const start = turn++ % list.length;
    const inTurn = list.map((_, i) => list[(start + i) % list.length]!);
    const now = Date.now();
    const isDown = (t: Target) => (downUntil.get(`${t.host}:${t.port}`) ?? 0) > now;
    for (const target of [...inTurn.filter((t) => !isDown(t)), ...inTurn.filter(isDown)]) {
      const key = `${target.host}:${target.port}`;
      try {
        const socket = await open(target);
        downUntil.delete(key);
        return { socket, key };
      } catch (err) {
        refused[key] = (refused[key] ?? 0) + 1;
        if (!isDown(target)) log({ target: key, err: (err as Error).message }, 'replica refused; skipped');
        downUntil.set(key, Date.now() + cooldownMs);
      }
    }
    return undefined;
  };

  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const upstream = await connectNext().catch(() => undefined);
    if (!upstream) {
      unavailable++;
      const body = JSON.stringify({
        type: 'about:blank',
        title: 'Bad Gateway',
        status: 502,
        detail: 'no API replica accepted the connection',
        code: 'no_replica',
      });
      res.writeHead(502, {
        'content-type': 'application/problem+json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
      return;
    }
    byTarget[upstream.key] = (byTarget[upstream.key] ?? 0) + 1;
    const client = req.socket.remoteAddress ?? '';
    const forwardedFor = req.headers['x-forwarded-for'];
    const headers: IncomingHttpHeaders = {
      ...endToEnd(req.headers),
      'x-forwarded-for': forwardedFor ? `${forwardedFor}, ${client}` : client,
      'x-forwarded-proto': 'http',
      // One request per replica connection: nothing stale to reuse after a replica restarts.
      connection: 'close',
    };
    const out = request({
      method: req.method,
      path: req.url,
      headers,
      createConnection: () => upstream.socket,
    });
    out.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      // Headers now, not with the first body chunk: an event stream may say nothing for a while.
      res.flushHeaders();
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    out.on('error', (err) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      log({ target: upstream.key, err: err.message }, 'replica failed the request');
      const body = JSON.stringify({
        type: 'about:blank',
        title: 'Bad Gateway',
        status: 502,
        detail: 'the API replica closed the connection before answering',
        code: 'replica_failed',
      });
      res.writeHead(502, {
        'content-type': 'application/problem+json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    });
    // The client went away (an SSE reader closing, a timeout): so does the replica's connection.
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    req.pipe(out);
  };

  const server = createServer((req, res) => {
    forward(req, res).catch((err) => {
      log({ err: (err as Error).message }, 'proxy error');
      res.destroy();
    });
  });
  // Long-lived event streams must not be cut by the server's request timeout.
  server.requestTimeout = 0;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats: () => ({ byTarget: { ...byTarget }, refused: { ...refused }, unavailable }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
