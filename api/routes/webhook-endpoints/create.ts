/**
 * POST /v1/webhook-endpoints: registers a URL for the caller's events (any user may sell). The host
 * is resolved now and every address vetted (domain/webhook-target.ts); each delivery vets it again.
 * The signing secret is in this answer only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { resolveWebhookTarget } from '../../../activities/outbound-webhook.js';
import { countActiveWebhookEndpoints, insertWebhookEndpoint } from '../../../db/queries/seller-webhooks.js';
import { DomainError } from '../../../domain/errors.js';
import { EVENT_TYPE_PATTERN, MAX_ENDPOINTS_PER_SELLER } from '../../../domain/seller-webhooks.js';
import { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH } from '../../../domain/webhook-target.js';
import { withStepUp } from '../../middleware/step-up.js';
import { IdempotencyHeader, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { endpointJson, WebhookEndpoint } from './shape.js';

const Body = z
  .object({
    url: z
      .string()
      .max(MAX_WEBHOOK_URL_LENGTH)
      .superRefine((url, ctx) => {
        const shape = checkWebhookUrl(url);
        if (!shape.ok) ctx.addIssue({ code: 'custom', message: shape.reason });
      })
      .openapi({ example: 'https://shop.example.com/hooks/escrowflow' }),
    eventTypes: z
      .array(z.string().max(64).regex(EVENT_TYPE_PATTERN, 'an event type such as order.shipped'))
      .max(32)
      .optional()
      .openapi({
        description: 'Event types to send (e.g. order.sold, order.shipped); omitted or empty: all',
      }),
  })
  .strict();

const Created = WebhookEndpoint.extend({
  secret: z.string().openapi({ description: 'Signing secret (Escrowflow-Signature); shown only here' }),
});

const route = createRoute({
  method: 'post',
  path: '/v1/webhook-endpoints',
  tags: ['webhooks'],
  summary: 'Register a URL that receives my events, signed',
  request: {
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: Body } }, required: true },
  },
  responses: {
    201: { description: 'Registered', content: { 'application/json': { schema: Created } } },
    400: problemResponse('Not an http(s) URL, credentials in it, or too long'),
    409: problemResponse('Too many active endpoints'),
    422: problemResponse('The host does not resolve, or resolves to an address webhooks may not reach'),
  },
});

export function registerCreateWebhookEndpoint(app: App): void {
  app.openapi(withStepUp(route), async (c) => {
    const body = c.req.valid('json');
    const { db, env } = c.var.deps;
    const sellerId = c.var.user.id;
    const target = await resolveWebhookTarget(body.url, { allowCidrs: env.OUTBOUND_WEBHOOK_ALLOW_CIDRS });
    if (!target.ok) {
      throw new DomainError('unsafe_webhook_url', target.detail, {
        reason: target.reason,
        ...(target.refused && { address: target.refused.address, range: target.refused.range }),
      });
    }
    if ((await countActiveWebhookEndpoints(db, sellerId)) >= MAX_ENDPOINTS_PER_SELLER)
      throw new DomainError('invalid_state', `at most ${MAX_ENDPOINTS_PER_SELLER} active webhook endpoints`, {
        reason: 'too_many_endpoints',
      });
    const row = await insertWebhookEndpoint(db, {
      id: `whe_${randomUUID().replaceAll('-', '')}`,
      sellerId,
      // The parser's form (IPv4 in dotted quads, host lower-cased): what was vetted is what is stored.
      url: target.url.href,
      secret: `whsec_${randomBytes(24).toString('base64url')}`,
      eventTypes: [...new Set(body.eventTypes ?? [])],
    });
    return c.json({ ...endpointJson(row), secret: row.secret }, 201);
  });
}
