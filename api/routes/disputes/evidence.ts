/** POST /v1/disputes/{id}/evidence: a party adds evidence; the seller's first evidence contests the dispute. */
import { createRoute, z } from '@hono/zod-openapi';
import { addEvidenceUpdate } from '../../../workflows/dispute/messages.js';
import { Id, IdempotencyHeader } from '../../schemas.js';
import { sealedText } from '../../services/privacy/sealed.js';
import type { App } from '../../types.js';
import { actionResponses, actOnDispute } from './shared.js';

const EvidenceBody = z
  .object({
    text: z.string().trim().min(1).max(10_000),
    links: z
      .array(
        z
          .string()
          .url()
          .max(2000)
          .regex(/^https?:\/\//, 'http(s) links only'),
      )
      .max(10)
      .optional(),
  })
  .strict();

const route = createRoute({
  method: 'post',
  path: '/v1/disputes/{id}/evidence',
  tags: ['disputes'],
  summary: 'Add evidence (buyer or seller); the seller’s first evidence contests the dispute',
  request: {
    params: z.object({ id: Id }),
    headers: IdempotencyHeader,
    body: { content: { 'application/json': { schema: EvidenceBody } }, required: true },
  },
  responses: actionResponses('Evidence added'),
});

export function registerAddEvidence(app: App): void {
  app.openapi(route, async (c) => {
    const { text, links } = c.req.valid('json');
    const arg = {
      userId: c.var.user.id,
      text: await sealedText(c, text),
      ...(links && { links: await Promise.all(links.map((link) => sealedText(c, link))) }),
    };
    return c.json(await actOnDispute(c, c.req.valid('param').id, addEvidenceUpdate, arg), 200);
  });
}
