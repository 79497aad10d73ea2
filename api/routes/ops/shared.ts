/** What the operator routes share: the path prefix, the `olderThan` age filter, the 403 answer. */
import { z } from '@hono/zod-openapi';
import { problemResponse } from '../../schemas.js';

export const OPS = '/v1/ops';

/**
 * "2d", "36h", "90m", "30s": how long ago, as a cutoff instant. An age reaching before 1970 means
 * "any time" (the epoch): 999999d is a year before the Common Era, which PostgreSQL is never sent.
 */
export const Age = z
  .string()
  .regex(/^\d{1,6}[smhd]$/, 'an age like 30m, 36h or 2d')
  .transform((v) => {
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[v.at(-1) as 's' | 'm' | 'h' | 'd'];
    return new Date(Math.max(0, Date.now() - Number(v.slice(0, -1)) * unit));
  });

export const forbidden = { 403: problemResponse('Operators only') };
