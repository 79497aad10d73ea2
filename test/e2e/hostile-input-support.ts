/**
 * The generators and requests of test/e2e/hostile-input.test.ts: the operations of the OpenAPI
 * document, values and bodies each schema certainly refuses (fast-check), and the fuzzing users' calls.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { api, stack, tokenFor, uniqueUser } from '../support/stack.js';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  nullable?: boolean;
  maxItems?: number;
  anyOf?: JsonSchema[];
};
export interface Operation {
  method: string;
  path: string;
  params: Array<{ name: string; in: string; schema: JsonSchema }>;
  body?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

type Deref = (schema: JsonSchema) => JsonSchema;

/** Follows `$ref`s into the document's components. */
export function derefIn(doc: OpenApiDocument): Deref {
  const deref: Deref = (schema) => {
    if (!schema.$ref) return schema;
    const name = schema.$ref.split('/').pop()!;
    return deref(doc.components?.schemas?.[name] ?? {});
  };
  return deref;
}

/** Every operation of the document, with its parameters' and body's schemas dereferenced. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const deref = derefIn(doc);
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).map((p: any) => ({ ...p, schema: deref(p.schema ?? {}) })),
      body: op.requestBody ? deref(op.requestBody.content['application/json'].schema) : undefined,
    })),
  );
}

/** A concrete path with every `{param}` replaced by a well-formed id nobody owns. */
export const concretePath = (op: Operation, ids: Record<string, string> = {}) =>
  op.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(ids[name] ?? 'nobodys_id_0'));

/** Values the schema certainly rejects. */
export function hostileValue(schema: JsonSchema, deref: Deref): fc.Arbitrary<unknown> {
  const s = deref(schema);
  const types = Array.isArray(s.type) ? s.type : [s.type];
  // null is hostile only where the schema does not allow it (`email: null` removes an address).
  const variants = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].map((v) => deref(v));
  const allowsNull = types.includes('null') || s.nullable === true || variants.some((v) => v.type === 'null');
  const options: fc.Arbitrary<unknown>[] = [
    ...(allowsNull ? [] : [fc.constant(null)]),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  ];
  if (types.includes('string')) {
    options.push(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));
    // PostgreSQL stores neither NUL nor unpaired surrogates.
    options.push(fc.constantFrom('a\u0000b', '\u0000', 'x\ud800', '\udfffx'));
    if (s.maxLength !== undefined)
      options.push(fc.integer({ min: s.maxLength + 1, max: s.maxLength + 5000 }).map((n) => 'x'.repeat(n)));
    if (s.enum) {
      const allowed = s.enum;
      options.push(
        fc.string({ maxLength: 12 }).filter((v) => !allowed.includes(v)),
        fc.constantFrom('XXX', 'eur', 'BTC', 'usd ', 'EURO'),
      );
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    options.push(
      fc.string({ maxLength: 10 }),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)),
      fc.constantFrom(1e300, -1e300, 2 ** 64, Number.MAX_SAFE_INTEGER * 8),
    );
    const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
    if (min !== undefined) options.push(fc.integer({ min: min - 1_000_000, max: min - 1 }));
    if (s.maximum !== undefined) options.push(fc.integer({ min: s.maximum + 1, max: s.maximum + 1_000_000 }));
  }
  if (types.includes('boolean')) options.push(fc.string(), fc.integer());
  if (types.includes('array')) {
    options.push(fc.string(), fc.integer());
    if (s.maxItems !== undefined)
      options.push(
        fc.array(fc.constant('https://example.com'), {
          minLength: s.maxItems + 1,
          maxLength: s.maxItems + 5,
        }),
      );
  }
  if (types.includes('object')) options.push(fc.string(), fc.array(fc.integer(), { maxLength: 3 }));
  return fc.oneof(...options);
}

export const anyJson = fc.jsonValue({ maxDepth: 2 });
const MASS_ASSIGNED = [
  'price',
  'status',
  'role',
  'sellerId',
  'buyerId',
  'available',
  'version',
  'userId',
  'paidOut',
];

/** Raw request bodies the endpoint must refuse, as strings. */
export function hostileBody(schema: JsonSchema, deref: Deref): fc.Arbitrary<string> {
  const properties = Object.entries(schema.properties ?? {});
  const forms: fc.Arbitrary<string>[] = [
    // Not JSON at all.
    fc.string({ minLength: 1 }).filter((raw) => {
      try {
        JSON.parse(raw);
        return false;
      } catch {
        return true;
      }
    }),
    fc.constantFrom(
      '{',
      '{"a":1,}',
      "{'a':1}",
      'NaN',
      '{"amount":1e999999}',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
    ),
    // JSON but not an object.
    fc
      .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(anyJson, { maxLength: 3 }))
      .map((v) => JSON.stringify(v)),
    // An unknown field (mass assignment) beside anything.
    fc
      .record({
        field: fc.constantFrom(...MASS_ASSIGNED),
        value: anyJson,
        rest: fc.dictionary(fc.constantFrom(...properties.map(([k]) => k), 'x'), anyJson),
      })
      .map(({ field, value, rest }) => JSON.stringify({ ...rest, [field]: value })),
  ];
  if (properties.length > 0) {
    // One known field with a value it cannot take, the others anything.
    forms.push(
      fc
        .constantFrom(...properties)
        .chain(([name, propSchema]) =>
          fc.record({
            name: fc.constant(name),
            value: hostileValue(propSchema, deref),
            rest: fc.dictionary(fc.constantFrom(...properties.map(([k]) => k)), anyJson, { maxKeys: 4 }),
          }),
        )
        .map(({ name, value, rest }) => JSON.stringify({ ...rest, [name]: value })),
    );
  }
  return fc.oneof(...forms);
}

/** Calls by fuzzing users, all named `<prefix>_…` so the last test can look for what they left. */
export function fuzzingClient(PREFIX: string) {
  /** The fuzzing user and the role that gets past authorization to validation. */
  const userFor = (op: Operation) => ({
    user: `${PREFIX}_${uniqueUser('u')}`,
    role:
      op.path.startsWith('/v1/ops') || op.path.endsWith('/resolve')
        ? ('operator' as const)
        : ('buyer' as const),
  });

  /** Calls the endpoint; an event stream that opens is closed at once (its status is the answer). */
  async function probe(op: Operation, path: string) {
    if (!path.startsWith('/v1/events'))
      return api(op.method, path, { ...userFor(op), ...(op.body && { body: {} }) });
    const controller = new AbortController();
    const { user, role } = userFor(op);
    const res = await fetch(stack().apiUrl + path, {
      headers: { authorization: `Bearer ${await tokenFor(user, role)}` },
      signal: controller.signal,
    });
    const streaming = res.headers.get('content-type')?.includes('text/event-stream');
    const body = streaming ? undefined : await res.json();
    controller.abort();
    return { status: res.status, headers: res.headers, body };
  }

  /** Calls the endpoint with extra headers (writes get an empty JSON object); an event stream is closed at once. */
  async function send(op: Operation, path: string, headers: Record<string, string>) {
    const { user, role } = userFor(op);
    const controller = new AbortController();
    const res = await fetch(stack().apiUrl + path, {
      method: op.method,
      headers: {
        authorization: `Bearer ${await tokenFor(user, role)}`,
        ...(op.body && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(op.body && { body: '{}' }),
      signal: controller.signal,
    });
    const streaming = res.headers.get('content-type')?.includes('text/event-stream');
    const text = streaming ? '' : await res.text();
    controller.abort();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, headers: res.headers, body };
  }

  return { userFor, probe, send };
}

export async function expectRefused(res: { status: number; headers: Headers; body: any }, what: string) {
  expect(
    res.status,
    `${what} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`,
  ).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get('content-type'), what).toContain('application/problem+json');
  expect(typeof res.body.code, what).toBe('string');
  expect(res.body.status, what).toBe(res.status);
}
