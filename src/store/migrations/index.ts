import { PostgresAdapter, SqliteAdapter, type Kysely } from 'kysely';
import { migratePostgres } from '../postgres/migrate.js';
import { migrateSqlite } from '../sqlite/migrate.js';

export { migrations } from './run.js';

/**
 * Brings the schema up to date. Safe to call from several processes at once: each
 * dialect's migrate serialises the runs (see sqlite/migrate.ts, postgres/migrate.ts).
 */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return migrateSqlite(db);
  if (adapter instanceof PostgresAdapter) return migratePostgres(db);
  throw new Error(`graphd store: no migration support for ${adapter.constructor.name}`);
}
