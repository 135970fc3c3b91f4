import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { MATCH_KEY_BYTES, type KeyBatch, type KeyTable, type PartedBatch, type PartSlice } from '../sql/key-table.js';

const BATCH_SIZE = 10_000;
const width = sql.lit(MATCH_KEY_BYTES);

/**
 * SQLite unpacks a batch with json_each over the values (a JSON array, all nulls when there
 * are none): its `key` is the index of the key's bytes in the concatenated blob. SQLite binds
 * only two parameters whatever the batch size, and json_each is a C loop; grouping by key
 * also sorts the batch, so the B-tree inserts that follow walk their pages in order.
 * Staged rows unpack the same way, each over its own values or a run of nulls as long as it.
 */
export const sqliteKeyTable: KeyTable = {
  batchSize: BATCH_SIZE,
  of: ({ keys, count, values }: KeyBatch) => sql`(
    select substr(${keys}, j.key * ${width} + 1, ${width}) as k, max(j.value) as v
    from json_each(${values ? JSON.stringify(values) : nulls(count)}) as j
    group by 1)`,

  // One JSON row per slice: [part, offset, count, values or null].
  parts: ({ keys, slices }: PartedBatch) => sql`(
    select json_extract(j.value, '$[0]') as part, json_extract(j.value, '$[2]') as count,
      substr(${keys}, json_extract(j.value, '$[1]') * ${width} + 1, json_extract(j.value, '$[2]') * ${width}) as keys,
      json_extract(j.value, '$[3]') as vals
    from json_each(${slicesJson(slices)}) as j)`,

  counts: (counts) => sql`(
    select json_extract(j.value, '$[0]') as part, json_extract(j.value, '$[1]') as count
    from json_each(${JSON.stringify([...counts])}) as j)`,

  /**
   * SQLite runs an upsert's rows one after another, so the keys go in sorted by key, then
   * staging order, then value (nulls first): a later staging's value overwrites an earlier
   * one, and within one staging the largest comes last. Then the staged rows go (returning
   * what they held).
   */
  async merge(db: Kysely<Database>, seq: number, parts: readonly number[]): Promise<Map<number, number>> {
    // One statement text whatever the parts, so the statement cache keeps one.
    const inParts = sql`select j.value from json_each(${JSON.stringify(parts)}) as j`;
    await sql`
      insert into audience_rows (audience_seq, match_key, value)
      select cast(${seq} as integer), u.k, u.v from (
        select substr(s.keys, j.key * ${width} + 1, ${width}) as k, j.value as v, s.id as id
        from audience_staged_keys as s
        join json_each(coalesce(s.vals, '[' || substr(${nullList(BATCH_SIZE)}, 1, s.count * 5 - 1) || ']')) as j
        where s.audience_seq = ${seq} and s.part in (${inParts})
      ) as u where true
      order by u.k, u.id, u.v
      on conflict (audience_seq, match_key) do update set value = excluded.value
      where excluded.value is not null`.execute(db);
    const gone = await sql<{ part: number; count: number }>`
      delete from audience_staged_keys where audience_seq = ${seq} and part in (${inParts})
      returning part, count`.execute(db);
    const moved = new Map<number, number>();
    for (const { part, count } of gone.rows) moved.set(part, (moved.get(part) ?? 0) + count);
    return moved;
  },
};

/** `null,null,...,null` (count times, no brackets): cut to length n with substr(1, n * 5 - 1). */
const nullList = (count: number): string => 'null,'.repeat(count - 1) + 'null';
const nulls = (count: number): string => `[${nullList(count)}]`;

function slicesJson(slices: readonly PartSlice[]): string {
  return `[${slices.map(({ part, offset, count, values }) => `[${part},${offset},${count},${values ?? 'null'}]`).join(',')}]`;
}
