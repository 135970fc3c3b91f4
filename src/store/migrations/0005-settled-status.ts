import type { Kysely } from 'kysely';
import type { NamedMigration } from './migration.js';

/**
 * While an audience processes (asynchronous mode) operation_status holds 300 and
 * settled_status the code it will show after; a sweep moves it over when the time
 * passes, so filtering on operation_status.code sees what reads show.
 */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('custom_audiences').addColumn('settled_status', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('custom_audiences_processing').on('custom_audiences').column('processing_until').execute();
}

export const settledStatus: NamedMigration = { name: '0005-settled-status', up };
