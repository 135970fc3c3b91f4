import { sql, type Kysely } from 'kysely';
import { runMigrations } from '../migrations/run.js';

/**
 * Kysely's migrator already serialises runs on Postgres (pg_advisory_xact_lock inside
 * one transaction, and it tolerates losing the CREATE TABLE IF NOT EXISTS race for its
 * own tables). But it looks for its tables in every schema of the database unless told
 * which one, so with several graphd schemas in one database (tests, tenants) it would
 * find another schema's migration table. So it is pinned to the current schema.
 */
export async function migratePostgres(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('graphd store: the PostgreSQL search_path names no existing schema');
  await runMigrations(db, { migrationTableSchema: schema });
}
