import { sql, type RawBuilder } from 'kysely';
import type { PeopleTable } from '../database.js';
import { MATCH_KEY_BYTES } from './key-table.js';

/*
 * The bulk paths for writing many people at once (`graphd seed`): a whole batch travels as
 * one or two bound parameters and the database unpacks it (json_each on SQLite, JSON records
 * and unnest on PostgreSQL), so a batch of thousands is one statement, with no statement
 * text growing with the batch and no per-row round trip.
 */

type Dialect = 'sqlite' | 'postgres';

const COLUMNS = [
  'id', 'first_name', 'middle_name', 'last_name', 'email', 'phone', 'birthday', 'gender', 'locale', 'timezone',
  'city', 'state', 'zip', 'country', 'hometown', 'verified', 'is_test_user', 'test_password', 'profile',
  'created_time', 'updated_time',
] as const satisfies readonly (keyof PeopleTable)[];

const columnList = sql.raw(COLUMNS.join(', '));

/** Inserts the rows, skipping ids already taken; returns the ids inserted. */
export function insertPeople(dialect: Dialect, rows: readonly PeopleTable[]): RawBuilder<{ id: string }> {
  const records = JSON.stringify(rows);
  if (dialect === 'postgres') {
    return sql`
      insert into people (${columnList})
      select ${columnList} from json_populate_recordset(null::people, cast(${records} as json))
      on conflict (id) do nothing returning id`;
  }
  const fields = sql.raw(COLUMNS.map((column) => `j.value ->> '${column}'`).join(', '));
  return sql`
    insert into people (${columnList})
    select ${fields} from json_each(${records}) as j where true
    on conflict (id) do nothing returning id`;
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
