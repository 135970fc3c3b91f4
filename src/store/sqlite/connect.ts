import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { Database } from '../database.js';

export const MEMORY = ':memory:';

/** Distinct SQL texts whose prepared statements are kept (least recently used dropped first). */
export const STATEMENT_CACHE_SIZE = 500;

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
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
}

/**
 * The database as Kysely sees it, with prepare() answering a cached statement per SQL text.
 * Kysely's SQLite driver prepares every query it runs, and preparing costs more than running
 * the point reads graphd does. Reusing a statement is safe here: better-sqlite3 is synchronous
 * and Kysely runs one query at a time on its single connection, binding fresh parameters on
 * each all()/run(). The one exception is a statement still open in iterate() (Kysely's stream()),
 * which better-sqlite3 marks busy: a query with the same SQL then gets a statement of its own.
 * SQLite re-prepares a cached statement by itself when the schema changes under it.
 */
export function cachingStatements(database: SqliteDatabase.Database, capacity = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      // Kysely opens transactions with a deferred `begin`; one that reads and then writes fails
      // with SQLITE_BUSY when another process (--workers) wrote in between. IMMEDIATE takes the
      // write lock up front, so writers on one file queue (busy_timeout) instead of failing.
      const sql = text === 'begin' ? 'begin immediate' : text;
      const cached = statements.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return database.prepare(sql);
        // Map keeps insertion order: re-inserting makes this the most recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
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
