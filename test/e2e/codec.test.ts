/**
 * Payment-data protection, the encryption half: what Temporal stores is ciphertext, and only an
 * operator gets it back in clear through the codec server (the Temporal UI's remote codec).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { ENCRYPTED_ENCODING, METADATA_KEY_ID } from '../../codec/aes-gcm-codec.js';
import { dataConverterFor } from '../../codec/data-converter.js';
import { findPayloads } from '../../codec/history.js';
import { generateCodecKeyLine } from '../../codec/keys.js';
import { SEALED_PREFIX } from '../../codec/personal-seal.js';
import { type RemotePayload, toRemote } from '../../codec/remote.js';
import { loadEnv } from '../../config/env.js';
import { disputeWorkflowId, purchaseWorkflowId } from '../../domain/ids.js';
import { temporalCliPath } from '../../scripts/stack/paths.js';
import { stackCodec } from '../support/codec.js';
import { shippedOrder } from '../support/orders.js';
import { rawHistory } from '../support/raw-history.js';
import { api, eventually, stack, testDb, tokenFor, uniqueUser } from '../support/stack.js';

const { History } = proto.temporal.api.history.v1;
const run = promisify(execFile);
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');
/**
 * Every payload passes the codec except three kinds that never hold personal data: search attributes
 * (the server indexes them: ids, status, amount), headers (trace context), and the SDK core's own
 * marker bookkeeping (patch ids; a local activity's id, type and times; its result is sealed).
 */
const mustBeSealed = (path: string) =>
  !/searchAttributes|\.header\.|markerRecordedEventAttributes\.details\.(patch-data|data)\./.test(path);

const namespace = () => stack().env.TEMPORAL_NAMESPACE ?? 'default';
const uiOrigin = () => new URL(stack().temporalUiUrl).origin;

async function codecCall(
  direction: 'encode' | 'decode',
  payloads: RemotePayload[],
  headers: Record<string, string> = {},
  base = stack().apiUrl,
) {
  const res = await fetch(`${base}/codec/${direction}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': namespace(), ...headers },
    body: JSON.stringify({ payloads }),
  });
  return { res, body: (await res.json()) as { payloads: RemotePayload[]; code?: string } };
}
const bearer = async (role: 'buyer' | 'seller' | 'operator') => ({
  authorization: `Bearer ${await tokenFor(uniqueUser(role), role)}`,
});

let connection: Connection;
const sealed: { workflowId: string; path: string; payload: Payload }[] = [];
let marks: { description: string; evidence: string; tracking: string };
let orderId: string;

beforeAll(async () => {
  connection = await Connection.connect({ address: stack().env.TEMPORAL_ADDRESS! });
  // An order with personal text in every kind of workflow input: shipping, dispute, evidence.
  const tag = randomUUID().slice(0, 8);
  marks = {
    description: `Box arrived crushed near the back door ${tag}`,
    evidence: `Courier photo shows the porch of Elm Street ${tag}`,
    tracking: `JJDCODEC${tag.toUpperCase()}`,
  };
  const { seller, buyer, order } = await shippedOrder();
  orderId = order.id;
  // shippedOrder ships with a fixed tracking number; a second shipment is refused, so the marker
  // rides on the dispute instead.
  const opened = await api('POST', `/v1/orders/${order.id}/disputes`, {
    user: buyer,
    body: { reason: 'not_as_described', description: `${marks.description} (${marks.tracking})` },
  });
  expect(opened.status).toBe(201);
  const evidence = await api('POST', `/v1/disputes/${opened.body.id}/evidence`, {
    user: seller,
    body: { text: marks.evidence },
  });
  expect(evidence.status).toBe(200);
  // One workflow per order holds the purchase and the escrow; the dispute is its child.
  const ids = [order.id].flatMap((orderId) => [
    purchaseWorkflowId({ orderId }),
    disputeWorkflowId({ orderId }),
  ]);
  const histories = await eventually(async () => {
    const all = await Promise.all(ids.map((id) => rawHistory(connection, namespace(), id)));
    // The dispute workflow has taken the seller's evidence once its history carries the text's update.
    return all.every((h) => (h.events?.length ?? 0) > 3) && all;
  });
  for (const [i, history] of histories.entries()) {
    const workflowId = ids[i]!;
    const bytes = Buffer.from(History.encode(history).finish());
    for (const mark of Object.values(marks)) {
      expect(bytes.includes(mark), `${workflowId} holds "${mark}" in clear`).toBe(false);
    }
    sealed.push(
      ...findPayloads(history)
        .filter((f) => mustBeSealed(f.path))
        .map((f) => ({ workflowId, path: f.path, payload: f.payload })),
    );
  }
});
afterAll(async () => {
  await connection?.close();
});

describe('workflow payload encryption', () => {
  it('stores every payload of purchase, escrow and dispute histories as AES-GCM ciphertext with a key id', () => {
    const activeKeyId = stackCodec().activeKeyId;
    for (const id of ['order-', 'dispute-'])
      expect(sealed.filter((s) => s.workflowId.startsWith(id)).length, id).toBeGreaterThan(3);
    // Inputs, results, activity arguments and results, update arguments: all of them.
    const kinds = new Set(sealed.map((s) => s.path.replace(/^events\.\d+\./, '').split('.')[0]));
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'workflowExecutionStartedEventAttributes',
        'activityTaskScheduledEventAttributes',
        'activityTaskCompletedEventAttributes',
      ]),
    );
    const plain = sealed.filter(
      (s) =>
        text(s.payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING ||
        text(s.payload.metadata?.[METADATA_KEY_ID]) !== activeKeyId,
    );
    expect(plain.map((s) => `${s.workflowId} ${s.path}`)).toEqual([]);
  });

  it('decodes for an operator (bearer token), refuses a buyer and a seller (403) and no or a bad token (401)', async () => {
    // The description rides on the order's openDispute update, the evidence on the dispute's.
    const payloads = sealed.map((s) => toRemote(s.payload));
    const decoded = await codecCall('decode', payloads, await bearer('operator'));
    expect(decoded.res.status).toBe(200);
    const clear = decoded.body.payloads.map((p) =>
      String(
        JSON.stringify(defaultPayloadConverter.fromPayload({ metadata: decodeMeta(p), data: b64(p.data) })),
      ),
    );
    // Decoded, the dispute's update shows its reason; the texts stay sealed under their author's own
    // key (ADR 12: erasing the person deletes it), so no codec reader sees them in clear.
    expect(clear.some((c) => c.includes('not_as_described') && c.includes(SEALED_PREFIX))).toBe(true);
    expect(clear.filter((c) => c.includes(SEALED_PREFIX)).length).toBeGreaterThanOrEqual(2);
    expect(clear.some((c) => c.includes(marks.description) || c.includes(marks.evidence))).toBe(false);

    for (const role of ['buyer', 'seller'] as const) {
      const refused = await codecCall('decode', payloads, await bearer(role));
      expect(refused.res.status).toBe(403);
      expect(refused.res.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('forbidden');
      expect(JSON.stringify(refused.body)).not.toContain(marks.description);
    }
    const anonymous = await codecCall('decode', payloads);
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
    expect((await codecCall('decode', payloads, { authorization: 'Bearer not.a.jwt' })).res.status).toBe(401);
    // Another namespace is not this server's to decode.
    const elsewhere = await codecCall('decode', payloads, {
      ...(await bearer('operator')),
      'x-namespace': 'other',
    });
    expect(elsewhere.res.status).toBe(404);
  });

  it('serves the Temporal CLI: `temporal workflow show --codec-endpoint … --codec-auth` prints the clear text', async () => {
    // JSON output: each payload's data in base64, decoded by the CLI through the codec server first.
    // (A buyer's token gets the HTTP refusals tested below; the CLI retries those for ~10 s.)
    const show = async (auth: string) => {
      const out = await run(temporalCliPath(), [
        'workflow',
        'show',
        '--address',
        stack().env.TEMPORAL_ADDRESS!,
        '--namespace',
        namespace(),
        '--workflow-id',
        purchaseWorkflowId({ orderId }),
        '--output',
        'json',
        '--codec-endpoint',
        `${stack().apiUrl}/codec`,
        '--codec-auth',
        auth,
      ]).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: `${err.stdout}${err.stderr}` }));
      return [...out.stdout.matchAll(/"data": "([A-Za-z0-9+/=]+)"/g)]
        .map(([, data]) => Buffer.from(data!, 'base64').toString('utf8'))
        .join('\n');
    };
    expect(await show(`Bearer ${await tokenFor(uniqueUser('op'), 'operator')}`)).toContain(
      'not_as_described',
    );
  });

  it('answers the Temporal UI’s CORS preflight and requests from its origin, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack().apiUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });
    const ok = await preflight(uiOrigin());
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(uiOrigin());
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-namespace']),
    );
    const foreign = await preflight('http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const fromUi = await codecCall('decode', [], { origin: uiOrigin(), ...(await bearer('operator')) });
    expect(fromUi.res.status).toBe(200);
    expect(fromUi.res.headers.get('access-control-allow-origin')).toBe(uiOrigin());
    expect(fromUi.res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('lets an operator trade a token for an HttpOnly codec session cookie the UI sends; nothing else opens with it', async () => {
    const payloads = sealed.slice(0, 5).map((s) => toRemote(s.payload));
    const signIn = await fetch(`${stack().apiUrl}/codec/session`, {
      method: 'POST',
      headers: { ...(await bearer('operator')), origin: uiOrigin() },
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^escrowflow_codec=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/codec(;|$)/);
    const session = cookie.split(';')[0]!;
    const viaCookie = await codecCall('decode', payloads, { cookie: session, origin: uiOrigin() });
    expect(viaCookie.res.status).toBe(200);
    expect(viaCookie.body.payloads.every((p) => text(b64(p.metadata?.encoding)) !== ENCRYPTED_ENCODING)).toBe(
      true,
    );

    // The session's token is no API token, and a buyer cannot open a session.
    const asBearer = await api('GET', '/v1/listings', {
      headers: { authorization: `Bearer ${session.split('=')[1]}` },
    });
    expect(asBearer.status).toBe(401);
    const buyerSession = await fetch(`${stack().apiUrl}/codec/session`, {
      method: 'POST',
      headers: await bearer('buyer'),
    });
    expect(buyerSession.status).toBe(403);
    expect(buyerSession.headers.get('set-cookie')).toBeNull();
    const foreign = await fetch(`${stack().apiUrl}/codec/session`, {
      method: 'POST',
      headers: { ...(await bearer('operator')), origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    // The sign-in page is a plain form.
    const page = await fetch(`${stack().apiUrl}/codec/session`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('name="token"');
  });

  it('rotates keys: after a new active key, payloads under the old key id still decode, new ones use the new id', async () => {
    const env = loadEnv(stack().env);
    const newLine = generateCodecKeyLine();
    const oldLines = readFileSync(stack().env.CODEC_KEYS_FILE!, 'utf8');
    const rotatedEnv = loadEnv({
      ...stack().env,
      CODEC_KEYS_FILE: '',
      CODEC_KEYS: `${newLine}\n${oldLines}`,
    });
    expect(rotatedEnv.CODEC_KEYS.map((k) => k.id)).toEqual([
      newLine.split(':')[0],
      ...env.CODEC_KEYS.map((k) => k.id),
    ]);
    const { db, close } = testDb();
    const redis = new Redis(stack().env.REDIS_URL!);
    const temporal = new Client({
      connection,
      namespace: namespace(),
      dataConverter: dataConverterFor(rotatedEnv.CODEC_KEYS),
    });
    const rotated = createApp({ db, redis, temporal, env: rotatedEnv, log: pino({ level: 'silent' }) });
    try {
      const call = async (direction: 'encode' | 'decode', payloads: RemotePayload[]) => {
        const res = await rotated.request(`/codec/${direction}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await bearer('operator')) },
          body: JSON.stringify({ payloads }),
        });
        return {
          status: res.status,
          body: (await res.json()) as { payloads: RemotePayload[]; detail?: string },
        };
      };
      const old = sealed.filter((s) => s.workflowId.startsWith('order-')).map((s) => toRemote(s.payload));
      const decoded = await call('decode', old);
      expect(decoded.status).toBe(200);
      expect(decoded.body.payloads.map((p) => text(b64(p.data))).join('\n')).toContain('not_as_described');

      const plain = toRemote(defaultPayloadConverter.toPayload({ note: 'after rotation' })!);
      const encoded = await call('encode', [plain]);
      expect(encoded.status).toBe(200);
      expect(text(b64(encoded.body.payloads[0]!.metadata?.[METADATA_KEY_ID]))).toBe(newLine.split(':')[0]);
      // The running stack (old keys only) refuses it by key id, with a clear message.
      const unknown = await codecCall('decode', encoded.body.payloads, await bearer('operator'));
      expect(unknown.res.status).toBe(400);
      expect(JSON.stringify(unknown.body)).toContain(newLine.split(':')[0]);
    } finally {
      redis.disconnect();
      await close();
    }
  });
});

function b64(value: string | null | undefined): Uint8Array {
  return Buffer.from(value ?? '', 'base64');
}
function decodeMeta(p: RemotePayload): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)]));
}
