/**
 * Data export rows (db/schema/privacy.ts): `pending` until the export's workflow stores the document,
 * `ready` until it expires, then deleted. An expired row is never shown, even before its deletion ran.
 */
import { and, desc, eq, gt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { dataExports } from '../schema/index.js';

export type DataExportRow = typeof dataExports.$inferSelect;

const visible = (now: Date) => or(eq(dataExports.status, 'pending'), gt(dataExports.expiresAt, now));

export async function insertDataExport(
  db: DbOrTx,
  params: { id: string; userId: string },
): Promise<DataExportRow> {
  const [row] = await db.insert(dataExports).values(params).returning();
  return row!;
}

/** The person's export still being gathered, if any: a second request gets it rather than a new one. */
export async function pendingDataExportOf(db: DbOrTx, userId: string): Promise<DataExportRow | undefined> {
  const [row] = await db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.userId, userId), eq(dataExports.status, 'pending')))
    .orderBy(desc(dataExports.createdAt))
    .limit(1);
  return row;
}

/** The export if it is the person's and has not expired. */
export async function findDataExport(
  db: DbOrTx,
  params: { id: string; userId: string },
  now = new Date(),
): Promise<DataExportRow | undefined> {
  const [row] = await db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.id, params.id), eq(dataExports.userId, params.userId), visible(now)));
  return row;
}

/** Stores the document once; false when the row is gone (its owner erased meanwhile) or ready already. */
export async function storeDataExport(
  db: DbOrTx,
  params: { id: string; data: Record<string, unknown>; ttlMs: number },
  now = new Date(),
): Promise<boolean> {
  const stored = await db
    .update(dataExports)
    .set({
      status: 'ready',
      data: params.data,
      readyAt: now,
      expiresAt: new Date(now.getTime() + params.ttlMs),
    })
    .where(and(eq(dataExports.id, params.id), eq(dataExports.status, 'pending')))
    .returning({ id: dataExports.id });
  return stored.length > 0;
}

export async function deleteDataExport(db: DbOrTx, id: string): Promise<void> {
  await db.delete(dataExports).where(eq(dataExports.id, id));
}
