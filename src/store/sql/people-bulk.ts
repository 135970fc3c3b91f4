import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { inTransaction } from './transaction.js';
import type { Database, PeopleTable } from '../database.js';
import { MATCH_KEY_BYTES } from './key-table.js';

/*
 * The bulk paths for writing many people at once (`graphd seed`): no per-row statement or
 * round trip. PostgreSQL gets a whole batch as one or two bound parameters and unpacks it (JSON
 * records, unnest); SQLite, in process, binds rows to cached multi-row statements, and its match
 * keys travel as one blob (substr over json_each of the owners).
 */

type Dialect = 'sqlite' | 'postgres';

const COLUMNS = [
  'id', 'first_name', 'middle_name', 'last_name', 'email', 'phone', 'birthday', 'gender', 'locale', 'timezone',
  'city', 'state', 'zip', 'country', 'hometown', 'verified', 'is_test_user', 'test_password', 'profile',
  'created_time', 'updated_time',
] as const satisfies readonly (keyof PeopleTable)[];

const columnList = sql.raw(COLUMNS.join(', '));

/** SQLite binds a chunk of rows as plain parameters: 500 rows of 21 columns stay under its 32,766. */
const ROWS_PER_STATEMENT = 500;

const sqliteInsert = (rows: number) => `
  insert into people (${COLUMNS.join(', ')})
  values ${Array(rows).fill(`(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}
  on conflict (id) do nothing returning id`;

const FULL_SQLITE_INSERT = sqliteInsert(ROWS_PER_STATEMENT);

/**
 * Inserts the rows, skipping ids already taken; returns the ids inserted. On SQLite a few
 * precompiled multi-row statements (the connection caches them by text): unpacking JSON in
 * SQL cost more than the insert. On PostgreSQL one JSON parameter, a single round trip.
 */
export async function insertPeople(db: Kysely<Database>, dialect: Dialect, rows: readonly PeopleTable[]): Promise<string[]> {
  if (dialect === 'postgres') {
    const { rows: inserted } = await sql<{ id: string }>`
      insert into people (${columnList})
      select ${columnList} from json_populate_recordset(null::people, cast(${JSON.stringify(rows)} as json))
      on conflict (id) do nothing returning id`.execute(db);
    return inserted.map((row) => row.id);
  }
  const ids: string[] = [];
  for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(at, at + ROWS_PER_STATEMENT);
    const text = chunk.length === ROWS_PER_STATEMENT ? FULL_SQLITE_INSERT : sqliteInsert(chunk.length);
    const parameters = chunk.flatMap((row) => COLUMNS.map((column) => row[column] ?? null));
    const { rows: inserted } = await db.executeQuery<{ id: string }>(CompiledQuery.raw(text, parameters));
    for (const row of inserted) ids.push(row.id);
  }
  return ids;
}

/**
 * A derived table (k, person_id) of match keys laid end to end in keys, the i-th owned by
 * personIds[i]: for `from ${table} as b`.
 */
export type PersonKeyTable = (keys: Buffer, personIds: readonly string[]) => RawBuilder<{ k: Buffer; person_id: string }>;

const width = sql.lit(MATCH_KEY_BYTES);

export const personKeyTables: Record<Dialect, PersonKeyTable> = {
  sqlite: (keys, personIds) => sql`(
    select substr(${keys}, j.key * ${width} + 1, ${width}) as k, j.value as person_id
    from json_each(${JSON.stringify(personIds)}) as j)`,
  postgres: (keys, personIds) => sql`(
    select substring(cast(${keys} as bytea) from (cast(t.i as integer) - 1) * ${width} + 1 for ${width}) as k, t.person_id
    from unnest(cast(${personIds} as text[])) with ordinality as t(person_id, i))`,
};

/** Inserts a derived table (k, person_id) into person_match_keys in key order, so B-tree pages fill in order. */
export const insertPersonKeys = (keys: RawBuilder<unknown>) => sql`
  insert into person_match_keys (match_key, person_id)
  select b.k, b.person_id from ${keys} as b where true order by 1, 2
  on conflict do nothing`;

/**
 * Holding new people's match keys back for one write (`graphd seed`). Nine random 32-byte keys
 * a person scatter over the whole person_match_keys B-tree: once it outgrows the cache, every
 * batch's commit rewrote most of its pages (318 s for a million people, growing faster than the
 * count). SQLite appends them to a temporary table of its one connection instead, and `flush`
 * moves them into person_match_keys in one statement in key order, each page written once.
 * PostgreSQL has none: its pool may run each batch on another connection, so keys go in at once.
 */
export interface PersonKeyHold {
  add(db: Kysely<Database>, keys: RawBuilder<{ k: Buffer; person_id: string }>): Promise<void>;
  /** Writes what add held back; until then uploads do not match those people. */
  flush(db: Kysely<Database>): Promise<void>;
}

/**
 * The person_id index is rebuilt instead of updated when the held keys are at least this share
 * of the table: inserted in key order, the person ids arrive in random order, a page per key,
 * while a rebuild sorts the whole table once. (A judgement, not measured: a fresh seed is far
 * above it, a small seed into a big store far below.)
 */
const REBUILD_SHARE = 0.25;

const held = sql`temp.seeded_match_keys`;

export const personKeyHolds: Record<Dialect, PersonKeyHold | undefined> = {
  sqlite: {
    async add(db, keys) {
      await sql`create temp table if not exists seeded_match_keys (k blob not null, person_id text not null)`.execute(db);
      await sql`insert into ${held} (k, person_id) select b.k, b.person_id from ${keys} as b`.execute(db);
    },
    async flush(db) {
      const exists = await sql<{ n: number }>`select count(*) as n from sqlite_temp_master where name = 'seeded_match_keys'`.execute(db);
      if (Number(exists.rows[0].n) === 0) return;
      // The foreign key probes people once per key, in key order: a random page each (nearly half
      // the insert). Keys of people deleted since are dropped first instead, probing in the held
      // order, which is person order. (The pragma is a no-op inside a caller's transaction.)
      await sql`pragma foreign_keys = off`.execute(db);
      try {
        await inTransaction(db, async (trx) => {
          const count = async (table: RawBuilder<unknown>) => Number((await sql<{ n: number }>`select count(*) as n from ${table}`.execute(trx)).rows[0].n);
          await sql`delete from ${held} where not exists (select 1 from people as p where p.id = ${held}.person_id)`.execute(trx);
          const adding = await count(held);
          const rebuild = adding > 0 && adding >= REBUILD_SHARE * (await count(sql`person_match_keys`));
          const indexes = rebuild
            ? (await sql<{ name: string; sql: string }>`
                select name, sql from sqlite_master where type = 'index' and tbl_name = 'person_match_keys' and sql is not null`.execute(trx)).rows
            : [];
          for (const { name } of indexes) await sql`drop index ${sql.id(name)}`.execute(trx);
          await insertPersonKeys(held).execute(trx);
          for (const index of indexes) await sql.raw(index.sql).execute(trx);
          await sql`drop table ${held}`.execute(trx);
        });
      } finally {
        await sql`pragma foreign_keys = on`.execute(db);
      }
    },
  },
  postgres: undefined,
};
