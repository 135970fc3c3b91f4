import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/**
 * The next value (1, 2, …) of the named counter. On PostgreSQL the counter's row stays
 * locked until the caller's transaction ends, so racing takers wait rather than collide.
 */
export async function nextValue(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .insertInto('sequences')
    .values({ name, value: 1 })
    .onConflict((conflict) => conflict.column('name').doUpdateSet((eb) => ({ value: eb('sequences.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
