import { sql, type Kysely } from 'kysely';
import { runMigrations } from '../migrations/run.js';

/**
 * Kysely's migrator takes no lock on SQLite and runs without a transaction, so two
 * processes starting on one file could both create tables, and a crash could leave
 * half a migration. One BEGIN IMMEDIATE around the whole run fixes both: it takes
 * the write lock up front (others wait on busy_timeout) and makes the run atomic.
 */
export async function migrateSqlite(db: Kysely<any>): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      await runMigrations(connection);
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
    await sql`commit`.execute(connection);
  });
}
