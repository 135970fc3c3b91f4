import pg from 'pg';
import { Kysely } from 'kysely';
import { CurrentSchemaPostgresDialect } from './current-schema-dialect.js';
import type { Database } from '../database.js';

export interface PostgresOptions {
  /** Work in this schema (created if missing) instead of the server's default search_path. */
  schema?: string;
}

/** Unquoted identifiers only: the name goes into a connection option and into DDL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Times are bigint columns, which pg returns as strings by default. They are unix
 * seconds (and counts), far below 2^53, so this pool reads int8 as a number; the
 * global pg.types stays untouched for other pools in the process.
 */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<Kysely<Database>> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`graphd store: invalid PostgreSQL schema name ${JSON.stringify(schema)} (use [a-z0-9_])`);
  }
  const pool = new pg.Pool({ ...connectionConfig(url, schema), types });
  pool.on('error', () => {}); // an idle client's lost connection; the pool replaces it on next use
  // A checked-out client whose connection drops emits 'error' too (its query fails with the same
  // error): unheard, that event would kill the process. The pool drops the dead client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    if (schema !== undefined) await createSchema(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
}

/** pg lets a URL's `options` override the config's, so the schema's search_path is merged into the URL's. */
function connectionConfig(url: string, schema: string | undefined): pg.PoolConfig {
  if (schema === undefined) return { connectionString: url };
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  const options = [own, `-c search_path=${schema}`].filter(Boolean).join(' ');
  return { connectionString: parsed.toString(), options };
}

/** CREATE SCHEMA IF NOT EXISTS can still fail when two processes race; then the schema exists. */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`create schema if not exists ${schema}`);
  } catch (error) {
    const exists = await pool.query('select 1 from pg_namespace where nspname = $1', [schema]);
    if (exists.rowCount === 0) throw error;
  }
}
