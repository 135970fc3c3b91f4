import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { binaryType, cascadeTo, keyedOnly, required } from './columns.js';
import type { NamedMigration } from './migration.js';

/**
 * Uploaded keys are staged before they reach audience_rows (src/store/sql/audience-staging.ts):
 * each batch is appended as one row per part of the key space, its keys end to end in one
 * binary value, and merged into audience_rows later in key order. audience_key_parts counts,
 * per audience and part, the keys staged and the keys merged so far.
 */
async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

  await db.schema
    .createTable('audience_staged_keys')
    // Staging order: a later upload's value of a key wins when they merge.
    .addColumn('id', sqlite ? 'integer' : 'bigint', (col) => (sqlite ? col.primaryKey() : col.primaryKey().generatedAlwaysAsIdentity()))
    .addColumn('audience_seq', 'integer', cascadeTo('custom_audiences.seq'))
    .addColumn('part', 'integer', required)
    .addColumn('count', 'integer', required)
    .addColumn('keys', binaryType(db), required)
    // A JSON array of the keys' values, or null when the upload had none.
    .addColumn('vals', 'text')
    .execute();
  await db.schema.createIndex('audience_staged_keys_audience_seq_part_id_idx').on('audience_staged_keys').columns(['audience_seq', 'part', 'id']).execute();
  // PostgreSQL would move a value over 2 kB out of line (TOAST), and a merge reading it key by
  // key would fetch it back once per key: MAIN keeps it in the row while the row fits a page.
  if (!sqlite) await sql`alter table audience_staged_keys alter column keys set storage main`.execute(db);

  await db.schema
    .createTable('audience_key_parts')
    .addColumn('audience_seq', 'integer', cascadeTo('custom_audiences.seq'))
    .addColumn('part', 'integer', required)
    .addColumn('staged', 'bigint', required)
    .addColumn('merged', 'bigint', required)
    .addPrimaryKeyConstraint('audience_key_parts_pk', ['audience_seq', 'part'])
    .$call(keyedOnly(db))
    .execute();
  // Which audiences hold staged keys in a part: what a person's new keys must merge first.
  await db.schema
    .createIndex('audience_key_parts_staged_idx')
    .on('audience_key_parts')
    .columns(['part', 'audience_seq'])
    .where(sql.ref('staged'), '>', 0)
    .execute();
}

export const audienceStaging: NamedMigration = { name: '0009-audience-staging', up };
