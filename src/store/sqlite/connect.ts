import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database.js';

export const MEMORY = ':memory:';

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if needed) the SQLite file at path, or a private in-memory database. */
export function connectSqlite(path: string): Kysely<Database> {
  if (path !== MEMORY) mkdirSync(dirname(path), { recursive: true });
  const database = new SqliteDatabase(path);
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers (other processes, the explorer) run while one writer writes.
  if (path !== MEMORY) enableWal(database);
  // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
  database.pragma('synchronous = NORMAL');
  // Off by default in SQLite; the schema's cascades depend on it.
  database.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/**
 * Switching to WAL takes an exclusive lock, and SQLite answers SQLITE_BUSY at once (no busy
 * handler) while another process starting on the same file holds it: retry briefly.
 */
function enableWal(database: SqliteDatabase.Database): void {
  for (let attempt = 0; ; attempt++) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + attempt * 5);
    }
  }
}
