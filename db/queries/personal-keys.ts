/**
 * Personal keys (db/schema/privacy.ts): one per person, made on first use, deleted by their erasure.
 * `sealFor` seals a personal field before it enters a workflow payload; `openSealed` opens it where an
 * activity stores or uses it.
 */
import { eq } from 'drizzle-orm';
import { newKeyMaterial, type PersonalKey, seal, sealedKeyId, unseal } from '../../codec/personal-seal.js';
import { ERASED_TEXT } from '../../domain/privacy.js';
import type { DbOrTx } from '../client.js';
import { newId } from '../new-id.js';
import { personalKeys } from '../schema/index.js';

const keyOf = (row: { id: string; material: string }): PersonalKey => ({
  id: row.id,
  material: Buffer.from(row.material, 'base64'),
});

/** The person's key, made now if they have none (two racing callers end with the same one). */
export async function personalKeyOf(db: DbOrTx, userId: string): Promise<PersonalKey> {
  const [existing] = await db.select().from(personalKeys).where(eq(personalKeys.userId, userId));
  if (existing) return keyOf(existing);
  await db
    .insert(personalKeys)
    .values({ id: newId('pk'), userId, material: newKeyMaterial().toString('base64') })
    .onConflictDoNothing({ target: personalKeys.userId });
  const [row] = await db.select().from(personalKeys).where(eq(personalKeys.userId, userId));
  if (!row) throw new Error(`no personal key for ${userId}`);
  return keyOf(row);
}

export async function sealFor(db: DbOrTx, userId: string, plain: string): Promise<string> {
  return seal(await personalKeyOf(db, userId), plain);
}

/**
 * The plain text of a value: opened with its key when sealed, unchanged when not (histories from
 * before sealing, texts the platform wrote itself), ERASED_TEXT when its owner's key is gone.
 */
export async function openSealed(db: DbOrTx, value: string): Promise<string> {
  const keyId = sealedKeyId(value);
  if (!keyId) return value;
  const [row] = await db.select().from(personalKeys).where(eq(personalKeys.id, keyId));
  return row ? unseal(keyOf(row), value) : ERASED_TEXT;
}

export async function deletePersonalKey(db: DbOrTx, userId: string): Promise<number> {
  const deleted = await db.delete(personalKeys).where(eq(personalKeys.userId, userId)).returning();
  return deleted.length;
}
