import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allocate, nowSeconds } from '../ids.js';
import { inTransaction } from './transaction.js';

export interface ScopedIdAccess<R> {
  /** Reads the existing row, if any. */
  find(): Promise<R | undefined>;
  /** Inserts the row for the new id with ON CONFLICT DO NOTHING; undefined when another caller won. */
  insert(trx: Kysely<Database>, id: string, createdTime: number): Promise<R | undefined>;
}

/**
 * Finds or allocates a scoped id (ASID, PSID), each a 'User' node of its own. Two
 * callers racing for the same pair both allocate a node, but only one row wins the
 * ON CONFLICT; the loser drops its node and reads the winner's row, so every caller
 * sees the same id.
 */
export async function findOrAllocateScopedId<R>(db: Kysely<Database>, access: ScopedIdAccess<R>): Promise<R> {
  const existing = await access.find();
  if (existing) return existing;
  const inserted = await inTransaction(db, async (trx) => {
    const createdTime = nowSeconds();
    const id = await allocate(trx, 'User', createdTime);
    const row = await access.insert(trx, id, createdTime);
    if (!row) await trx.deleteFrom('nodes').where('id', '=', id).execute();
    return row;
  });
  if (inserted) return inserted;
  const winner = await access.find();
  if (!winner) throw new Error('graphd store: lost a scoped-id race and found no winner');
  return winner;
}
