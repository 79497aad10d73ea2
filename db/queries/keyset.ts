import { and, type Column, eq, lt, or, type SQL } from 'drizzle-orm';

/**
 * Rows after a keyset cursor in (createdAt desc, id desc) order: older, or as old with a smaller id,
 * so rows created in the same instant are neither skipped nor repeated across pages.
 */
export function keysetBefore(
  createdAt: Column,
  id: Column,
  before: { createdAt: Date; id: string } | undefined,
): SQL | undefined {
  if (!before) return undefined;
  return or(lt(createdAt, before.createdAt), and(eq(createdAt, before.createdAt), lt(id, before.id)));
}
