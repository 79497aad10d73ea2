/**
 * Step-up on the sensitive operations (docs/design.md "Identity, step-up and privacy"), in-process with
 * fake dependencies (test/support/fake-app.ts): each answers 401 `step_up_required` with the RFC 9470
 * challenge to a login that is not a recent multi-factor one, before its validation or handler runs;
 * a recent one goes on to the route. The OpenAPI document says so on exactly those operations.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { apiDocument } from '../../client/spec.js';
import type { Env } from '../../config/env.js';
import { users } from '../../db/schema/index.js';
import { type Login, MFA_ACR } from '../../domain/step-up.js';
import { expectProblem, fakeApp } from '../../test/support/fake-app.js';
import type { AppEnv } from '../types.js';
import { requireStepUp, STEP_UP_EXTENSION } from './step-up.js';

const seller = { id: 'usr_seller_1', role: 'seller' as const };
const buyer = { id: 'usr_buyer_1', role: 'buyer' as const };
const operator = { id: 'usr_op_1', role: 'operator' as const };
const now = () => Math.floor(Date.now() / 1000);
const CHALLENGE = `Bearer error="insufficient_user_authentication", max_age=300, acr_values="${MFA_ACR}"`;
const period = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };

/** The contract's sensitive operations, each with a request its validation refuses (when it has one). */
const SENSITIVE = [
  { op: 'POST /v1/payouts', as: seller, body: { currency: 'EUR' }, invalid: { currency: 'XXX' } },
  {
    op: 'PUT /v1/sellers/me/payout-account',
    as: seller,
    body: { accountId: 'acct_1' },
    invalid: { accountId: 'not-an-account' },
  },
  { op: 'POST /v1/sellers/me/payout-account', as: seller },
  {
    op: 'POST /v1/webhook-endpoints',
    as: seller,
    body: { url: 'https://shop.example.com/hook' },
    invalid: { url: 'ftp://shop.example.com' },
  },
  { op: 'DELETE /v1/webhook-endpoints/{id}', as: seller },
  {
    op: 'PUT /v1/me/notification-preferences',
    as: buyer,
    body: { email: 'new@example.com' },
    invalid: { email: 'new@example.com', preferences: [{ eventType: '*', channel: 'fax', enabled: true }] },
  },
  {
    op: 'POST /v1/disputes/{id}/resolve',
    as: operator,
    body: { outcome: 'release' },
    invalid: { outcome: 'coin-toss' },
  },
  {
    op: 'POST /v1/ops/orders/{id}/fraud-review',
    as: operator,
    body: { decision: 'allow' },
    invalid: { decision: 'maybe' },
  },
  { op: 'POST /v1/ops/reconciliation', as: operator, body: period, invalid: { from: 'yesterday' } },
];

const request = (op: string) => {
  const [method, path] = op.split(' ') as [string, string];
  return { method, path: path.replace('{id}', 'x_1') };
};

const NOT_STEPPED_UP: Array<[string, Login]> = [
  ['a password login', { amr: ['pwd'], authTime: now() }],
  ['a multi-factor login 301 s ago', { amr: ['pwd', 'otp', 'mfa'], authTime: now() - 301 }],
  ['a multi-factor login of unknown time', { amr: ['pwd', 'otp', 'mfa'] }],
];

describe('step-up on the sensitive operations', () => {
  it.each(SENSITIVE.map((s) => [s.op, s] as const))(
    '%s: 401 step_up_required with the challenge, before anything runs',
    async (op, { as, body }) => {
      const { method, path } = request(op);
      for (const [what, login] of NOT_STEPPED_UP) {
        const fake = fakeApp();
        const res = await fake.call(method, path, { as, login, ...(body && { body }) });
        expectProblem(res, 401, 'step_up_required');
        expect(res.headers.get('www-authenticate'), what).toBe(CHALLENGE);
        expect(res.body).toMatchObject({ maxAge: 300, acrValues: MFA_ACR });
        // The user is recorded (every authenticated request does) and the email compared; nothing else.
        const others = fake.queries.filter((q) => !/^(insert into|select .+ from) "users"/s.test(q.sql));
        expect(others, what).toEqual([]);
        expect(fake.updates).toEqual([]);
      }
    },
  );

  it.each(SENSITIVE.filter((s) => s.invalid).map((s) => [s.op, s] as const))(
    '%s: a recent multi-factor login goes on to the route (its validation answers)',
    async (op, { as, invalid }) => {
      const { method, path } = request(op);
      const res = await fakeApp().call(method, path, {
        as,
        login: { amr: ['pwd', 'otp', 'mfa'], authTime: now() - 299 },
        body: invalid,
      });
      expectProblem(res, 400, 'validation_failed');
    },
  );

  it('asks no step-up for notification preferences alone, or the email already set', async () => {
    const password = { amr: ['pwd'], authTime: now() };
    const badPreferences = [{ eventType: '*', channel: 'fax', enabled: true }];
    const fake = fakeApp({ rows: [{ table: users, rows: [{ id: buyer.id, email: 'ada@example.com' }] }] });
    for (const body of [
      { preferences: badPreferences },
      { email: 'ada@example.com', preferences: badPreferences },
    ]) {
      const res = await fake.call('PUT', '/v1/me/notification-preferences', {
        as: buyer,
        login: password,
        body,
      });
      expectProblem(res, 400, 'validation_failed'); // past the step-up, refused by validation
    }
    for (const email of ['eve@example.com', null]) {
      const res = await fake.call('PUT', '/v1/me/notification-preferences', {
        as: buyer,
        login: password,
        body: { email },
      });
      expectProblem(res, 401, 'step_up_required');
    }
  });

  it('refuses a party resolving a dispute (403) before asking them for a step-up', async () => {
    for (const as of [buyer, seller]) {
      const res = await fakeApp().call('POST', '/v1/disputes/dsp_1/resolve', {
        as,
        login: { amr: ['pwd'], authTime: now() },
        body: { outcome: 'release' },
      });
      expectProblem(res, 403, 'forbidden');
    }
  });

  it('takes its terms from STEP_UP_MAX_AGE_S and STEP_UP_ACR_VALUES', async () => {
    const app = new OpenAPIHono<AppEnv>();
    let login: Login = { amr: ['otp'] };
    const env = { STEP_UP_MAX_AGE_S: 60, STEP_UP_ACR_VALUES: 'urn:example:loa:3 urn:example:loa:4' } as Env;
    app.use(async (c, next) => {
      c.set('deps', { env } as AppEnv['Variables']['deps']);
      c.set('login', login);
      await next();
    });
    app.post('/x', requireStepUp(), (c) => c.text('done'));
    login = { amr: ['otp'], authTime: now() - 61 };
    const refused = await app.request('/x', { method: 'POST' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_user_authentication", max_age=60, acr_values="urn:example:loa:3 urn:example:loa:4"',
    );
    login = { amr: ['otp'], authTime: now() - 59 };
    expect(await (await app.request('/x', { method: 'POST' })).text()).toBe('done');
  });
});

describe('the OpenAPI document', () => {
  it('marks exactly the sensitive operations, with step_up_required and the challenge header on their 401', async () => {
    const doc = (await apiDocument()) as {
      paths: Record<string, Record<string, Record<string, any>>>;
      components: { headers: Record<string, unknown> };
    };
    const marked = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op[STEP_UP_EXTENSION])
        .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(marked.map((m) => m.name).sort()).toEqual(SENSITIVE.map((s) => s.op).sort());
    for (const { name, op } of marked) {
      expect(op[STEP_UP_EXTENSION], name).toMatchObject({
        amr: ['mfa', 'otp', 'hwk'],
        maxAgeSetting: 'STEP_UP_MAX_AGE_S',
      });
      expect(op.description, name).toContain('Step-up (RFC 9470)');
      expect(op.responses['401'].description, name).toContain('step_up_required');
      expect(op.responses['401'].headers, name).toHaveProperty('WWW-Authenticate');
    }
    expect(doc.components.headers).toHaveProperty('WWW-Authenticate');
  });
});
