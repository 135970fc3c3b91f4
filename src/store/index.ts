import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { migrateToLatest } from './migrations/index.js';
import { connectPostgres } from './postgres/connect.js';
import { createSqlStore } from './sql/store.js';
import { connectSqlite } from './sqlite/connect.js';
import type { Store } from './types.js';

export type * from './types.js';
export type * from './audience-types.js';
export { migrateToLatest } from './migrations/index.js';

export interface OpenStoreOptions {
  /** PostgreSQL only: keep graphd's tables in this schema (created if missing). */
  schema?: string;
}

/**
 * Opens the store at url and brings its schema up to date:
 * `sqlite:PATH` (`sqlite:./data/graphd.db`, `sqlite:///abs/path.db`), `sqlite::memory:`,
 * or `postgres://…` / `postgresql://…` (with `?schema=NAME` to keep the tables in one schema).
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { db, dialect } = await connect(url, options);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlStore(db, dialect, () => db.destroy());
}

interface Connection {
  db: Kysely<Database>;
  dialect: Store['dialect'];
}

async function connect(url: string, options: OpenStoreOptions): Promise<Connection> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new Error(`graphd store: ${url} names no file; use sqlite:PATH or sqlite::memory:`);
    return { db: connectSqlite(path), dialect: 'sqlite' };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { url: server, schema } = schemaOf(url);
    return { db: await connectPostgres(server, { ...options, schema: options.schema ?? schema }), dialect: 'postgres' };
  }
  throw new Error(
    `graphd store: unsupported database URL ${JSON.stringify(redact(url))}; ` +
      'use sqlite:PATH, sqlite::memory: or postgres://user@host:port/database',
  );
}

/** `postgres://host/db?schema=tenant_a` keeps graphd's tables in that schema (one database, many installs). */
function schemaOf(url: string): { url: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { url };
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}

/** Keeps passwords out of error messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
