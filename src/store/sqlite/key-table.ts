import { sql } from 'kysely';
import { MATCH_KEY_BYTES, type KeyBatch, type KeyTable } from '../sql/key-table.js';

/**
 * SQLite unpacks a batch with json_each over the values (a JSON array, all nulls when there
 * are none): its `key` is the index of the key's bytes in the concatenated blob. SQLite binds
 * only two parameters whatever the batch size, and json_each is a C loop; grouping by key
 * also sorts the batch, so the B-tree inserts that follow walk their pages in order.
 */
export const sqliteKeyTable: KeyTable = {
  batchSize: 10_000,
  of: ({ keys, count, values }: KeyBatch) => sql`(
    select substr(${keys}, j.key * ${sql.lit(MATCH_KEY_BYTES)} + 1, ${sql.lit(MATCH_KEY_BYTES)}) as k, max(j.value) as v
    from json_each(${values ? JSON.stringify(values) : nulls(count)}) as j
    group by 1)`,
};

const nulls = (count: number): string => `[${'null,'.repeat(count - 1)}null]`;
