/** GET /v1/me/data-exports/{id}: my export, with its document once ready; another's or an expired one is 404. */
import { createRoute, z } from '@hono/zod-openapi';
import { findDataExport } from '../../../db/queries/data-exports.js';
import { DomainError } from '../../../domain/errors.js';
import { Id, problemResponse } from '../../schemas.js';
import type { App } from '../../types.js';
import { DataExport, dataExportJson } from './privacy-shapes.js';

const route = createRoute({
  method: 'get',
  path: '/v1/me/data-exports/{id}',
  tags: ['privacy'],
  summary: 'My data export: pending, or ready with the document until it expires',
  request: { params: z.object({ id: Id }) },
  responses: {
    200: { description: 'The export', content: { 'application/json': { schema: DataExport } } },
    404: problemResponse('No such export of mine, or it expired'),
  },
});

export function registerGetDataExport(app: App): void {
  app.openapi(route, async (c) => {
    const row = await findDataExport(c.var.deps.db, { id: c.req.valid('param').id, userId: c.var.user.id });
    if (!row)
      throw new DomainError('not_found', 'no such data export (exports expire 7 days after they are ready)');
    return c.json(dataExportJson(row), 200);
  });
}
