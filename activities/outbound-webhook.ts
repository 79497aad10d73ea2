/**
 * Outbound HTTP to sellers' webhook URLs under the SSRF policy of domain/webhook-target.ts: a host is
 * resolved once, every address it has is vetted, and the request connects to a vetted address (a
 * pinned `lookup`), so a DNS answer that changes between the check and the connect cannot redirect
 * it. Redirects are not followed. Used at registration (API) and before every attempt (activity).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type AddressVerdict, checkWebhookUrl, vetAddresses } from '../domain/webhook-target.js';

/** Every address of a host name, in the resolver's order. */
export type ResolveHost = (host: string) => Promise<string[]>;

const systemResolve: ResolveHost = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export type WebhookTarget =
  | { ok: true; url: URL; addresses: AddressVerdict[] }
  | {
      ok: false;
      reason: 'invalid_url' | 'unresolvable' | 'refused';
      detail: string;
      refused?: AddressVerdict;
    };

export async function resolveWebhookTarget(
  rawUrl: string,
  options: { allowCidrs: readonly string[]; resolve?: ResolveHost; timeoutMs?: number },
): Promise<WebhookTarget> {
  const shape = checkWebhookUrl(rawUrl);
  if (!shape.ok) return { ok: false, reason: 'invalid_url', detail: shape.reason };
  let addresses: string[];
  if (shape.ipLiteral) {
    addresses = [shape.host];
  } else {
    try {
      addresses = await withDeadline(
        (options.resolve ?? systemResolve)(shape.host),
        options.timeoutMs ?? 3000,
      );
    } catch (err) {
      return {
        ok: false,
        reason: 'unresolvable',
        detail: `${shape.host} does not resolve: ${errorText(err)}`,
      };
    }
  }
  const vetted = vetAddresses(addresses, options.allowCidrs);
  if (vetted.ok) return { ok: true, url: shape.url, addresses: vetted.addresses };
  if (vetted.reason === 'unresolvable')
    return { ok: false, reason: 'unresolvable', detail: `${shape.host} has no addresses` };
  const { refused } = vetted;
  return {
    ok: false,
    reason: 'refused',
    refused,
    detail: shape.ipLiteral
      ? `${shape.host} is a ${refused.range} address, which webhooks may not reach`
      : `${shape.host} resolves to ${refused.address} (${refused.range}), which webhooks may not reach`,
  };
}

export interface PostResult {
  statusCode?: number;
  error?: string;
  durationMs: number;
}

/**
 * POSTs `body` to a vetted target and reports the status code or the network error; never throws.
 * The response body is drained and ignored; the whole exchange is bounded by `timeoutMs`.
 */
export function postToTarget(
  target: Extract<WebhookTarget, { ok: true }>,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  const started = performance.now();
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const all = target.addresses.map((a) => ({ address: a.address, family: a.family }));
    if (options.all) callback(null, all);
    else callback(null, all[0]!.address, all[0]!.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...result, durationMs: performance.now() - started });
    };
    const req = client.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        agent: false,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'escrowflow-webhooks/1',
        },
      },
      (res) => {
        res.on('error', (err) => finish({ statusCode: res.statusCode, error: errorText(err) }));
        res.on('end', () => finish({ statusCode: res.statusCode }));
        res.on('close', () => finish({ statusCode: res.statusCode, error: 'response cut short' }));
        res.resume();
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => finish({ error: errorText(err) }));
    req.end(body);
  });
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return (
    e?.code && !String(e.message).includes(e.code) ? `${e.code}: ${e.message}` : String(e?.message ?? err)
  ).slice(0, 500);
}

async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
