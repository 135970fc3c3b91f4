import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../types.js';

/**
 * What the control plane's whole-store operations need to know of the schema, read from the
 * database itself so tables added by later migrations are covered without a list to keep:
 * the tables in foreign-key order, and the columns each dialect fills in by itself.
 */
export interface Catalog {
  /** Parents before children: insert in this order, delete in the reverse. */
  tables: string[];
  columns: Map<string, Set<string>>;
  /** PostgreSQL identity columns (SQLite's integer keys take explicit values as they are). */
  identities: Map<string, string>;
}

/** Kysely's and the dialects' own bookkeeping, never part of a world. */
const internal = /^(kysely_|sqlite_)/;

export async function readCatalog(db: Kysely<Database>, dialect: Store['dialect']): Promise<Catalog> {
  const columns = new Map<string, Set<string>>();
  for (const { table_name, column_name } of dialect === 'sqlite' ? await sqliteColumns(db) : await postgresColumns(db)) {
    if (internal.test(table_name)) continue;
    if (!columns.has(table_name)) columns.set(table_name, new Set());
    columns.get(table_name)!.add(column_name);
  }
  const parents = dialect === 'sqlite' ? await sqliteParents(db) : await postgresParents(db);
  const identities = dialect === 'postgres' ? await postgresIdentities(db) : new Map<string, string>();
  return { tables: parentsFirst([...columns.keys()].sort(), parents), columns, identities };
}

interface ColumnRow {
  table_name: string;
  column_name: string;
}

async function sqliteColumns(db: Kysely<Database>): Promise<ColumnRow[]> {
  const { rows } = await sql<ColumnRow>`
    select m.name as table_name, c.name as column_name
    from sqlite_master as m, pragma_table_info(m.name) as c
    where m.type = 'table' order by m.name, c.cid`.execute(db);
  return rows;
}

/** graphd's tables are those of its search path (tests and tenants keep one schema each). */
async function postgresColumns(db: Kysely<Database>): Promise<ColumnRow[]> {
  const { rows } = await sql<ColumnRow>`
    select c.table_name, c.column_name
    from information_schema.columns as c
    join information_schema.tables as t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  return rows;
}

interface Reference {
  child: string;
  parent: string;
}

async function sqliteParents(db: Kysely<Database>): Promise<Reference[]> {
  const { rows } = await sql<Reference>`
    select m.name as child, f."table" as parent
    from sqlite_master as m, pragma_foreign_key_list(m.name) as f
    where m.type = 'table'`.execute(db);
  return rows;
}

async function postgresParents(db: Kysely<Database>): Promise<Reference[]> {
  const { rows } = await sql<Reference>`
    select child.relname as child, parent.relname as parent
    from pg_constraint as c
    join pg_class as child on child.oid = c.conrelid
    join pg_class as parent on parent.oid = c.confrelid
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db);
  return rows;
}

async function postgresIdentities(db: Kysely<Database>): Promise<Map<string, string>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
  return new Map(rows.map((row) => [row.table_name, row.column_name]));
}

/** A topological order; a table referring to itself does not hold itself back. */
function parentsFirst(tables: string[], references: Reference[]): string[] {
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (table: string, path: Set<string>) => {
    if (placed.has(table) || path.has(table)) return;
    path.add(table);
    for (const { child, parent } of references) if (child === table && parent !== table) visit(parent, path);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}
