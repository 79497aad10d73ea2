/**
 * Payment-data protection, the card half: card numbers go to the provider only (the sandbox tokenizes
 * them, as a real provider's browser SDK does), the API refuses any body holding one, and afterwards
 * no card number is anywhere the platform keeps data: not in the database, the processes' logs or the
 * workflow histories (read raw and decoded through the codec). Each scanner first proves it would
 * have found one.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import type { AesGcmCodec } from '../../codec/aes-gcm-codec.js';
import { decodePayloadsInPlace, findPayloads } from '../../codec/history.js';
import { findCardNumbers, luhnValid } from '../../domain/card-number.js';
import { purchaseWorkflowId } from '../../domain/ids.js';
import { stackCodec } from '../support/codec.js';
import { logFiles, logText } from '../support/logs.js';
import { shippedOrder } from '../support/orders.js';
import { rawHistory } from '../support/raw-history.js';
import { api, eventually, stack, testDb, uniqueUser } from '../support/stack.js';

/** A Visa-like number no other test uses: Luhn-valid, 16 digits, starting with 4. */
function freshCardNumber(): string {
  let body = '4';
  while (body.length < 15) body += String(randomInt(10));
  const check = [...'0123456789'].find((d) => luhnValid(body + d))!;
  return body + check;
}
const spaced = (n: string) => n.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Every text, varchar, json(b) and text-array value of every table, in the schemas the app owns. */
async function scanDatabase(
  sql: postgres.Sql | postgres.TransactionSql,
): Promise<{ where: string; card: string }[]> {
  const columns = await sql<{ schema: string; table: string; column: string }[]>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where t.table_type in ('BASE TABLE', 'LOCAL TEMPORARY')
      and c.table_schema not in ('pg_catalog', 'information_schema')
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
           or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))`;
  expect(columns.length).toBeGreaterThan(20);
  const found: { where: string; card: string }[] = [];
  for (const { schema, table, column } of columns) {
    const id = (s: string) => `"${s.replaceAll('"', '""')}"`;
    // Only values with a 13-digit run (separators allowed) come back to be checked in full.
    const rows = await sql.unsafe<{ v: string }[]>(
      `select ${id(column)}::text as v from ${id(schema)}.${id(table)}
       where ${id(column)}::text ~ '[0-9]([ -]?[0-9]){12}'`,
    );
    for (const { v } of rows) {
      for (const card of findCardNumbers(v)) found.push({ where: `${schema}.${table}.${column}`, card });
    }
  }
  return found;
}

/**
 * Trace context is random hex: one span id in ~10,000 is all digits and passes the checks, so the
 * scans leave trace and span ids (JSON fields and `traceparent` values) out.
 */
const withoutTraceIds = (text: string) =>
  text
    .replace(/"(?:traceId|spanId|parentSpanId|trace_id|span_id)":"[0-9a-f]+"/g, '')
    .replace(/\b00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\b/g, '');

function scanFiles(dir: string): { where: string; card: string }[] {
  const found: { where: string; card: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...scanFiles(path));
    else
      for (const card of findCardNumbers(withoutTraceIds(readFileSync(path, 'utf8'))))
        found.push({ where: path, card });
  }
  return found;
}

/** A history's text once decoded: every payload's data, and the rest of the events (failures, names). */
async function historyText(history: object, codec: AesGcmCodec): Promise<string> {
  await decodePayloadsInPlace(history, codec);
  const data = findPayloads(history).map((f) => Buffer.from(f.payload.data ?? []).toString('utf8'));
  return [historyToJSON(history as Parameters<typeof historyToJSON>[0]), ...data].join('\n');
}

async function listExecutions(connection: Connection, namespace: string) {
  const executions: { workflowId: string; runId: string }[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await connection.workflowService.listWorkflowExecutions({ namespace, nextPageToken });
    for (const e of page.executions ?? [])
      executions.push({ workflowId: e.execution!.workflowId!, runId: e.execution!.runId! });
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return executions;
}

describe('card data never reaches the platform', () => {
  it('tokenizes at the provider, refuses raw card numbers, and keeps none in database, logs or histories', async () => {
    const card = freshCardNumber();

    // The buyer's browser tokenizes the card with the provider's publishable key...
    const tokenized = await fetch(`${stack().sandboxUrl}/v1/payment_methods`, {
      method: 'POST',
      headers: { authorization: 'Bearer pk_test_escrowflow', 'content-type': 'application/json' },
      body: JSON.stringify({
        card: { number: spaced(card), exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: '123' },
      }),
    });
    expect(tokenized.status).toBe(201);
    const method = (await tokenized.json()) as { id: string; last4: string; brand: string };
    expect(method).toMatchObject({ last4: card.slice(-4), brand: 'visa' });
    expect(method.id).toMatch(/^pm_/);

    // ... and the platform only ever sees the token: the purchase is paid with it.
    const seller = uniqueUser('seller');
    const buyer = uniqueUser('buyer');
    const listing = await api('POST', '/v1/listings', {
      user: seller,
      body: { title: 'Camera', amount: 12_000, currency: 'EUR', quantity: 3 },
    });
    expect(listing.status).toBe(201);
    const paid = await api('POST', '/v1/orders?wait=payment', {
      user: buyer,
      body: { listingId: listing.body.id, quantity: 1, paymentMethod: method.id },
    });
    expect(paid.status).toBe(201);
    expect(paid.body.status).toBe('paid');

    // A raw card number anywhere in a body is refused before it is logged, stored or sent to a workflow.
    const refusedBodies: Array<[string, string, unknown]> = [
      ['POST', '/v1/orders', { listingId: listing.body.id, quantity: 1, paymentMethod: card }],
      ['POST', '/v1/orders', { listingId: listing.body.id, quantity: 1, paymentMethod: spaced(card) }],
      [
        'POST',
        '/v1/listings',
        { title: `Camera, paid with ${card}`, amount: 100, currency: 'EUR', quantity: 1 },
      ],
      ['PATCH', `/v1/listings/${listing.body.id}`, { title: spaced(card).replaceAll(' ', '-') }],
    ];
    for (const [method, path, body] of refusedBodies) {
      const res = await api(method, path, {
        user: method === 'PATCH' ? seller : buyer,
        body,
        headers: { 'if-match': String(listing.body.version) },
      });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe('card_data_refused');
      expect(JSON.stringify(res.body)).not.toContain(card);
    }
    const { buyer: disputer, order: shipped } = await shippedOrder();
    const dispute = await api('POST', `/v1/orders/${shipped.id}/disputes`, {
      user: disputer,
      body: { reason: 'other', description: `They charged my card ${spaced(card)} twice` },
    });
    expect(dispute.status).toBe(400);
    expect(dispute.body.code).toBe('card_data_refused');
    // The refusal is logged (that it happened, not the value).
    await eventually(async () => logText('api').includes('request with card data refused'));

    // The scanners, proven on controls holding the card: a string, a log file, a database row, a
    // payload sealed like the workflows' (found once decoded, not in its ciphertext).
    expect(findCardNumbers(`control ${spaced(card)} end`)).toEqual([card]);
    const controlDir = mkdtempSync(join(tmpdir(), 'card-control-'));
    writeFileSync(join(controlDir, 'x.log'), `{"msg":"oops","pan":"${card}"}\n`);
    expect(scanFiles(controlDir)).toEqual([{ where: join(controlDir, 'x.log'), card }]);
    const codec = stackCodec();
    const [sealedControl] = await codec.encode([defaultPayloadConverter.toPayload({ note: spaced(card) })!]);
    const controlHistory = {
      events: [{ activityTaskScheduledEventAttributes: { input: { payloads: [sealedControl!] } } }],
    };
    expect(findCardNumbers(Buffer.from(sealedControl!.data!).toString('latin1'))).toEqual([]);
    expect(findCardNumbers(await historyText(controlHistory, codec))).toEqual([card]);

    const { sql, close } = testDb();
    try {
      await sql.begin(async (tx) => {
        await tx`create temp table card_control (note text) on commit drop`;
        await tx`insert into card_control values (${`paid with ${card}`})`;
        expect(await scanDatabase(tx)).toContainEqual({
          where: expect.stringMatching(/card_control\.note$/),
          card,
        });
      });

      // (a) the database
      expect(await scanDatabase(sql)).toEqual([]);
    } finally {
      await close();
    }

    // (b) every log the processes wrote (info level in tests)
    expect(logFiles('api').length).toBeGreaterThan(0);
    expect(logFiles('worker').length).toBeGreaterThan(0);
    expect(scanFiles(stack().logDir)).toEqual([]);

    // (c) every workflow history in the namespace, decoded through the codec
    const namespace = stack().env.TEMPORAL_NAMESPACE ?? 'default';
    const connection = await Connection.connect({ address: stack().env.TEMPORAL_ADDRESS! });
    try {
      // This test's two orders at least (visibility lags); in a whole run, every other test's too.
      const own = [paid.body.id, shipped.id].map((orderId) => purchaseWorkflowId({ orderId }));
      const executions = await eventually(async () => {
        const all = await listExecutions(connection, namespace);
        return own.every((id) => all.some((e) => e.workflowId === id)) && all;
      });
      const found: { where: string; card: string }[] = [];
      for (const { workflowId, runId } of executions) {
        const text = await historyText(await rawHistory(connection, namespace, workflowId, runId), codec);
        for (const c of findCardNumbers(withoutTraceIds(text))) found.push({ where: workflowId, card: c });
      }
      expect(found).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});
