import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { NodeType } from './types.js';

/** Collisions among 10^15 ids are rare; needing this many retries means something else is wrong. */
const MAX_ATTEMPTS = 10;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A random 15 or 16 digit decimal id with no leading zero, like Meta's. */
export function newId(): string {
  const length = randomInt(15, 17);
  const digits = String(randomInt(1, 10)) + pad8(randomInt(100_000_000)) + pad8(randomInt(100_000_000));
  return digits.slice(0, length);
}

const pad8 = (n: number) => String(n).padStart(8, '0');

/**
 * Calls insert with fresh ids until one is accepted. insert returns undefined when the
 * id was taken; it must not throw for that (ON CONFLICT DO NOTHING), because on Postgres
 * a failed statement would abort the surrounding transaction.
 */
export async function withFreshId<T>(insert: (id: string) => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const inserted = await insert(newId());
    if (inserted !== undefined) return inserted;
  }
  throw new Error(`graphd store: no free id after ${MAX_ATTEMPTS} attempts`);
}

/** Registers id as a node of type; false when the id is already taken. */
export async function registerNode(
  db: Kysely<Database>,
  id: string,
  type: NodeType,
  createdTime: number = nowSeconds(),
): Promise<boolean> {
  const row = await db
    .insertInto('nodes')
    .values({ id, type, created_time: createdTime })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A new id, registered in nodes as type. */
export function allocate(db: Kysely<Database>, type: NodeType, createdTime?: number): Promise<string> {
  return withFreshId(async (id) => ((await registerNode(db, id, type, createdTime)) ? id : undefined));
}
