/** Stripe-style lists for reconciliation: created[gte]/created[lt] in unix seconds, cursor paging. */
import type { Context, Hono } from 'hono';
import type { SandboxContext } from './context.js';

function list<T extends { id: string; created: number }>(c: Context, records: Record<string, T>) {
  const gte = Number(c.req.query('created_gte') ?? 0);
  const lt = Number(c.req.query('created_lt') ?? Number.MAX_SAFE_INTEGER);
  const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 100), 1), 100);
  const after = c.req.query('starting_after');
  const all = Object.values(records)
    .filter((r) => r.created >= gte && r.created < lt)
    .sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  const start = after ? all.findIndex((r) => r.id === after) + 1 : 0;
  const data = all.slice(start, start + limit);
  return c.json({ object: 'list', data, has_more: start + limit < all.length });
}

export function mountLists(app: Hono, { state }: SandboxContext): void {
  app.get('/v1/payment_intents', (c) => list(c, state.intents));
  app.get('/v1/refunds', (c) => list(c, state.refunds));
  app.get('/v1/transfers', (c) => list(c, state.transfers));
  app.get('/v1/disputes', (c) => list(c, state.disputes ?? {}));
}
