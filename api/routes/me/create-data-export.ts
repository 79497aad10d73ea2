/** POST /v1/me/data-exports: gather everything held about me into one document (docs/privacy.md). */
import { createRoute } from '@hono/zod-openapi';
import { IdempotencyHeader } from '../../schemas.js';
import { requestDataExport } from '../../services/privacy/data-export.js';
import type { App } from '../../types.js';
import { DataExport, dataExportJson } from './privacy-shapes.js';

const route = createRoute({
  method: 'post',
  path: '/v1/me/data-exports',
  tags: ['privacy'],
  summary:
    'Export everything held about me: answered pending; GET it until ready (kept 7 days). While one is pending, that one is answered',
  request: { headers: IdempotencyHeader },
  responses: {
    202: { description: 'Being gathered', content: { 'application/json': { schema: DataExport } } },
  },
});

export function registerCreateDataExport(app: App): void {
  app.openapi(route, async (c) =>
    c.json(dataExportJson(await requestDataExport(c.var.deps, c.var.user.id)), 202),
  );
}
