import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import { MATCH_KEY_BYTES, type KeyBatch, type KeyTable, type PartedBatch } from '../sql/key-table.js';

const width = sql.lit(MATCH_KEY_BYTES);

/**
 * PostgreSQL unpacks a batch from one bytea parameter (pg sends a Buffer as binary, so the
 * keys cross the wire as raw bytes) by series position; the values, when any, arrive as one
 * float8[] walked with unnest (subscripting an array holding NULLs costs O(n) per element).
 * A batch's part slices arrive as parallel arrays beside the same bytea.
 */
export const postgresKeyTable: KeyTable = {
  batchSize: 10_000,
  of: ({ keys, count, values }: KeyBatch) =>
    values
      ? sql`(
        select substring(cast(${keys} as bytea) from (cast(t.i as integer) - 1) * ${width} + 1 for ${width}) as k, max(t.v) as v
        from unnest(cast(${values} as float8[])) with ordinality as t(v, i)
        group by 1)`
      : sql`(
        select substring(cast(${keys} as bytea) from (t.i - 1) * ${width} + 1 for ${width}) as k, cast(null as float8) as v
        from generate_series(1, cast(${count} as integer)) as t(i)
        group by 1)`,

  parts: ({ keys, slices }: PartedBatch) => sql`(
    select p.part, p.count, substring(cast(${keys} as bytea) from p.offs * ${width} + 1 for p.count * ${width}) as keys, p.vals
    from unnest(
      cast(${slices.map((slice) => slice.part)} as integer[]), cast(${slices.map((slice) => slice.offset)} as integer[]),
      cast(${slices.map((slice) => slice.count)} as integer[]), cast(${slices.map((slice) => slice.values)} as text[])
    ) as p(part, offs, count, vals))`,

  counts: (counts) => sql`(
    select c.part, c.count
    from unnest(cast(${[...counts.keys()]} as integer[]), cast(${[...counts.values()]} as integer[])) as c(part, count))`,

  /**
   * One statement: the staged rows are deleted and what they held is merged, so a staging
   * committed meanwhile by another transaction is neither merged nor lost. A key staged
   * several times is folded first (an upsert may not touch a row twice): its last value by
   * staging order, the largest within one staging.
   */
  async merge(db: Kysely<Database>, seq: number, parts: readonly number[]): Promise<Map<number, number>> {
    // The keys are sorted and grouped in memory rather than in temporary files; this lasts
    // until the transaction ends (the caller's, which merges run in).
    await sql`set local work_mem = '64MB'`.execute(db);
    const { rows } = await sql<{ part: number; count: number | string }>`
      with moved as (
        delete from audience_staged_keys where audience_seq = ${seq} and part = any(cast(${[...parts]} as integer[]))
        returning id, part, count, keys, vals
      ), unpacked as (
        select substring(m.keys from (t.i - 1) * ${width} + 1 for ${width}) as k, t.v, m.id
        from moved as m cross join lateral (
          select g.i, cast(null as float8) as v from generate_series(1, m.count) as g(i) where m.vals is null
          union all
          select cast(e.i as integer), cast(e.v as float8) from json_array_elements_text(cast(m.vals as json)) with ordinality as e(v, i) where m.vals is not null
        ) as t
      ), merged as (
        insert into audience_rows (audience_seq, match_key, value)
        select cast(${seq} as integer), u.k, (array_agg(u.v order by u.id desc, u.v desc) filter (where u.v is not null))[1]
        from unpacked as u group by u.k order by u.k
        on conflict (audience_seq, match_key) do update set value = excluded.value
        where excluded.value is not null
      )
      select part, sum(count) as count from moved group by part`.execute(db);
    return new Map(rows.map((row) => [row.part, Number(row.count)]));
  },
};
