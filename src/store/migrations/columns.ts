import { SqliteAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

/*
 * Column modifiers shared by the migrations. Migrations use only types both dialects
 * understand: `text`, `integer`, `double precision` and `bigint` (SQLite gives `bigint`
 * INTEGER affinity, so unix seconds are plain integers there too), plus binary, which
 * the dialects name differently (binaryType).
 */

export type Modifier = (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export const required: Modifier = (col) => col.notNull();

/** Every Graph-visible entity's id is a registered node; deleting the node deletes the entity. */
export const nodeId: Modifier = (col) => col.primaryKey().references('nodes.id').onDelete('cascade');

/** A scoped id (ASID, PSID): unique, and a User node of its own. */
export const scopedNodeId: Modifier = (col) => col.notNull().unique().references('nodes.id').onDelete('cascade');

/** A parent the row cannot outlive. */
export const cascadeTo =
  (target: string): Modifier =>
  (col) =>
    col.notNull().references(target).onDelete('cascade');

/** Like cascadeTo, for rows that may have no such parent at all. */
export const optionalCascadeTo =
  (target: string): Modifier =>
  (col) =>
    col.references(target).onDelete('cascade');

/** An optional owner the row outlives (an app stays when its business goes). */
export const ownedBy =
  (target: string): Modifier =>
  (col) =>
    col.references(target).onDelete('set null');

/** Creates `<table>_<columns>_idx` for each entry. */
export async function createIndexes(db: Kysely<any>, indexes: [table: string, columns: string[]][]): Promise<void> {
  for (const [table, columns] of indexes) {
    await db.schema.createIndex(`${table}_${columns.join('_')}_idx`).on(table).columns(columns).execute();
  }
}

const isSqlite = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

/** Bytes: `blob` on SQLite, `bytea` on PostgreSQL. */
export const binaryType = (db: Kysely<any>): 'blob' | 'bytea' => (isSqlite(db) ? 'blob' : 'bytea');

/**
 * For tables whose primary key is (nearly) all their data: on SQLite the rows then live in
 * the key's B-tree alone (WITHOUT ROWID), not in a rowid table plus a copy in the key's index.
 * PostgreSQL has no such option; the table is left as is.
 */
export const keyedOnly =
  (db: Kysely<any>) =>
  <T extends CreateTableBuilder<any, any>>(table: T): T =>
    (isSqlite(db) ? table.modifyEnd(sql`without rowid`) : table) as T;
