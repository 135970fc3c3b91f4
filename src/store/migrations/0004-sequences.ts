import { sql, type Kysely } from 'kysely';
import { required } from './columns.js';
import type { NamedMigration } from './migration.js';

/**
 * Named counters, handed out in order (custom_audiences.seq). Taking a value is an upsert;
 * on PostgreSQL its row lock makes racing takers wait instead of colliding.
 */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'bigint', required)
    .execute();
  // Audiences created before the counter existed keep their seqs; new ones continue after them.
  await sql`
    insert into sequences (name, value)
    select 'custom_audiences.seq', coalesce(max(seq), 0) from custom_audiences`.execute(db);
}

export const sequences: NamedMigration = { name: '0004-sequences', up };
