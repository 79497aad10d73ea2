import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { users } from '../schema/index.js';

/** Creates the user row on first authenticated use; later calls are no-ops. */
export async function ensureUser(db: DbOrTx, id: string, role: string): Promise<void> {
  await db.insert(users).values({ id, role }).onConflictDoNothing({ target: users.id });
}

export async function findUser(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}
