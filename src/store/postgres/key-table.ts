import { sql } from 'kysely';
import { MATCH_KEY_BYTES, type KeyBatch, type KeyTable } from '../sql/key-table.js';

/**
 * PostgreSQL unpacks a batch from one bytea parameter (pg sends a Buffer as binary, so the
 * keys cross the wire as raw bytes) by series position; the values, when any, arrive as one
 * float8[] walked with unnest (subscripting an array holding NULLs costs O(n) per element).
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
};

const width = sql.lit(MATCH_KEY_BYTES);
